import { Download, FilePlus2, FileUp } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useSimStore } from '../../store';
import { formatBytes, MAX_FILE_BYTES, tooLarge } from '../manifest/fileSize';
import { useT } from '../useT';

/** The manifest editor loads when first opened (or when the page is idle): not in the first chunk. */
const ManifestDialog = lazy(() =>
  import('../manifest/ManifestDialog').then((m) => ({ default: m.ManifestDialog })),
);

/**
 * The console's way in and out: write a manifest, run a lab script (with the manifests it
 * applies), save the session as a lab script.
 */
export function ConsoleActions() {
  const t = useT();
  const store = useSimStore();
  const [editing, setEditing] = useState(false);
  // Mounted once opened, so the learner's draft survives closing the dialog.
  const [opened, setOpened] = useState(false);
  const [scriptProblem, setScriptProblem] = useState<string | null>(null);
  useEffect(() => {
    if (editing) setOpened(true);
  }, [editing]);

  /** A lab script and the manifests it applies, picked together: run on a new cluster. */
  const runScriptFiles = (list: File[]) => {
    // Sizes first: a file too large to use is refused before anything is read.
    const large = list.find(tooLarge);
    if (large)
      return setScriptProblem(
        t('console.fileTooLarge', {
          name: large.name,
          size: formatBytes(large.size),
          limit: formatBytes(MAX_FILE_BYTES),
        }),
      );
    Promise.all(list.map(async (f) => [f.name, await f.text()] as const)).then(
      (read) => {
        const scripts = read.filter(([name]) => /\.(lab|txt)$/i.test(name));
        if (scripts.length !== 1) return setScriptProblem(t('console.scriptPick'));
        const manifests = Object.fromEntries(
          read.filter(([name]) => /\.(ya?ml|json)$/i.test(name)),
        );
        return store
          .getState()
          .runScript(scripts[0][1], manifests)
          .then(
            (result) =>
              setScriptProblem(
                result.error ? t('console.scriptError', { error: result.error }) : null,
              ),
            (err: Error) => setScriptProblem(t('console.scriptError', { error: err.message })),
          );
      },
      () => setScriptProblem(t('console.scriptPick')),
    );
  };

  return (
    <>
      <div className="console-actions">
        <button type="button" className="console-save" onClick={() => setEditing(true)}>
          <FilePlus2 aria-hidden="true" size={16} />
          {t('manifest.button')}
        </button>
        <label className="console-save file-button" title={t('console.runScriptHint')}>
          <FileUp aria-hidden="true" size={16} />
          <span>{t('console.runScript')}</span>
          <input
            type="file"
            multiple
            accept=".lab,.txt,.yaml,.yml,.json"
            onChange={(e) => {
              const list = [...(e.target.files ?? [])];
              e.target.value = '';
              if (list.length > 0) runScriptFiles(list);
            }}
          />
        </label>
        <button
          type="button"
          className="console-save"
          onClick={() =>
            store
              .getState()
              .labScript()
              .then(
                (text) => downloadText('kube-kitchen-session.lab', text),
                (err: Error) => setScriptProblem(t('console.saveError', { error: err.message })),
              )
          }
          title={t('console.saveHint')}
        >
          <Download aria-hidden="true" size={16} />
          {t('console.save')}
        </button>
      </div>
      {scriptProblem ? (
        <p className="console-problem" role="alert">
          {scriptProblem}
        </p>
      ) : null}
      {editing || opened ? (
        <Suspense fallback={null}>
          <ManifestDialog open={editing} onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </>
  );
}

/** Save text as a file the browser downloads (no clipboard permission needed). */
function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
