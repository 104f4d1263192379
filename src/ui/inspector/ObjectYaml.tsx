import { useEffect, useMemo, useRef, useState } from 'react';
import type { KObject } from '../../engine';
import { useT } from '../useT';
import { containerStatusLines } from './targets';

type ObjectText = typeof import('../../store/objectText');

/**
 * The printer (the engine's `kubectl -o yaml`) loads on first use, in its own chunk: the page's
 * first chunk stays small. One load for every inspector on the page.
 */
let loaded: ObjectText | null = null;
let loading: Promise<ObjectText> | null = null;

function loadObjectText(): Promise<ObjectText> {
  loading ??= import('../../store/objectText').then(
    (m) => {
      loaded = m;
      return m;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/**
 * Fetch the printer's chunk ahead of need: the page keeps working offline once loaded, so the
 * inspector must not find the network gone the first time it is opened.
 */
export function preloadObjectText(): void {
  loadObjectText().catch(() => {
    // Offline already: the inspector says so when opened, and tries again then.
  });
}

function useObjectText(): ObjectText | 'loading' | 'failed' {
  const [mod, setMod] = useState<ObjectText | 'loading' | 'failed'>(loaded ?? 'loading');
  useEffect(() => {
    if (mod !== 'loading') return;
    let live = true;
    loadObjectText().then(
      (m) => live && setMod(m),
      () => live && setMod('failed'),
    );
    return () => {
      live = false;
    };
  }, [mod]);
  return mod;
}

/** One stored object as `kubectl get … -o yaml` prints it; a container's status marked. */
export function ObjectYaml({
  obj,
  refId,
  container,
}: {
  obj: KObject;
  refId: string;
  container?: string;
}) {
  const t = useT();
  const mod = useObjectText();
  const text = typeof mod === 'object' ? mod.objectYaml(obj) : null;
  const parts = useMemo(() => {
    if (text === null) return null;
    const range = container ? containerStatusLines(text, container) : undefined;
    if (!range) return { before: text, marked: '', after: '' };
    const lines = text.split('\n');
    const join = (a: number, b: number) =>
      lines
        .slice(a, b)
        .map((l) => `${l}\n`)
        .join('');
    return {
      before: join(0, range.start),
      marked: join(range.start, range.end),
      after: lines.slice(range.end).join('\n'),
    };
  }, [text, container]);
  const boxRef = useRef<HTMLElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const marked = !!parts?.marked;
  // Scroll the YAML box (only it, not the panel) to the marked container status.
  useEffect(() => {
    const box = boxRef.current;
    const mark = markRef.current;
    if (marked && box && mark) box.scrollTop = Math.max(0, mark.offsetTop - 24);
  }, [marked]);

  if (mod === 'failed') return <p className="object-missing">{t('inspector.loadFailed')}</p>;
  if (parts === null) {
    return (
      <p className="object-loading" role="status">
        {t('inspector.loading')}
      </p>
    );
  }
  return (
    <section
      ref={boxRef}
      className="yaml"
      aria-label={`${refId} (YAML)`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-focusable (WCAG 2.1.1)
      tabIndex={0}
    >
      <pre>
        {parts.before}
        {parts.marked ? <mark ref={markRef}>{parts.marked}</mark> : null}
        {parts.after}
      </pre>
    </section>
  );
}
