import { FileUp } from 'lucide-react';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { useSimStore } from '../../store';
import { ModalDialog } from '../ModalDialog';
import { useT } from '../useT';
import { EXAMPLES, EXAMPLES_CREDIT, loadExample } from './examples';
import {
  formatBytes,
  MAX_FILE_BYTES,
  MAX_REQUEST_BODY_BYTES,
  textBytes,
  tooLarge,
} from './fileSize';
import './manifest.css';

/** A file name kubectl's `-f` takes as one word (no spaces, no path). */
const FILE_NAME = /^[\w.-]+\.(ya?ml|json)$/;

/**
 * Write (or open, or pick from the Kubernetes documentation) a manifest and apply it: the text
 * is kept under its file name and the console runs `kubectl apply -f NAME`, so the transcript
 * teaches the command and shows kubectl's answer, errors included.
 */
export function ManifestDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const store = useSimStore();
  const [name, setName] = useState('manifest.yaml');
  const [text, setText] = useState('');
  const [example, setExample] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const tooLargeMessage = (file: File) =>
    t('manifest.tooLarge', {
      name: file.name,
      size: formatBytes(file.size),
      limit: formatBytes(MAX_FILE_BYTES),
      requestLimit: formatBytes(MAX_REQUEST_BODY_BYTES),
    });

  /** The last example picked, and whether the file name was typed since (it is then kept). */
  const picked = useRef({ path: '', nameTyped: false });

  const pickExample = (path: string) => {
    setExample(path);
    picked.current = { path, nameTyped: false };
    if (!path) return;
    // An example arrives a moment later (a chunk of its own): a later pick wins, and a name
    // typed meanwhile stays.
    loadExample(path).then(
      (yaml) => {
        if (picked.current.path !== path) return;
        setText(yaml);
        if (!picked.current.nameTyped) setName(path.split('/').pop() ?? 'manifest.yaml');
        setProblem(null);
      },
      () => {
        if (picked.current.path === path) setProblem(t('manifest.exampleFailed'));
      },
    );
  };

  const openFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Refused by its size, before a byte is read: the textarea never receives it.
    if (tooLarge(file)) return setProblem(tooLargeMessage(file));
    file.text().then(
      (content) => {
        setText(content);
        setName(FILE_NAME.test(file.name) ? file.name : 'manifest.yaml');
        setExample('');
        picked.current = { path: '', nameTyped: false };
        setProblem(null);
      },
      () => setProblem(t('manifest.readFailed')),
    );
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!FILE_NAME.test(name)) return setProblem(t('manifest.badName'));
    if (!text.trim()) return setProblem(t('manifest.empty'));
    const bytes = textBytes(text);
    if (bytes > MAX_FILE_BYTES)
      return setProblem(
        t('manifest.textTooLarge', {
          size: formatBytes(bytes),
          limit: formatBytes(MAX_FILE_BYTES),
        }),
      );
    setProblem(null);
    const s = store.getState();
    s.putFiles({ [name]: text });
    s.runLine(`kubectl apply -f ${name}`);
    onClose();
  };

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title={t('manifest.title')}
      className="manifest-dialog"
    >
      <form onSubmit={apply}>
        <p className="manifest-intro">{t('manifest.intro')}</p>
        <div className="manifest-sources">
          <label>
            <span>{t('manifest.example')}</span>
            <select value={example} onChange={(e) => pickExample(e.target.value)}>
              <option value="">{t('manifest.exampleNone')}</option>
              {EXAMPLES.map((path) => (
                <option key={path} value={path}>
                  {path}
                </option>
              ))}
            </select>
          </label>
          <label className="file-button manifest-open">
            <FileUp aria-hidden="true" size={16} />
            <span>{t('manifest.open')}</span>
            <input type="file" accept=".yaml,.yml,.json,text/yaml" onChange={openFile} />
          </label>
        </div>
        <label className="manifest-name">
          <span>{t('manifest.name')}</span>
          <input
            type="text"
            value={name}
            onChange={(e) => {
              picked.current.nameTyped = true;
              setName(e.target.value);
            }}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label className="manifest-text">
          <span>{t('manifest.text')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={16}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            placeholder={'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n…'}
          />
        </label>
        {problem ? (
          <p className="manifest-problem" role="alert">
            {problem}
          </p>
        ) : null}
        {example ? <p className="manifest-credit">{EXAMPLES_CREDIT}</p> : null}
        <div className="manifest-actions">
          <button type="button" className="wt-button" onClick={onClose}>
            {t('manifest.cancel')}
          </button>
          <button type="submit" className="wt-button primary">
            {t('manifest.apply', { name: FILE_NAME.test(name) ? name : '…' })}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
