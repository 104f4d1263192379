import { Pause, Play, Radio, SkipBack, SkipForward } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { SPEEDS, useSim, useSimStore } from '../store';
import { formatClock } from './formatClock';
import { useT } from './useT';

/**
 * Play/Pause, step, Speed and the timeline scrubber over simulated time. Only the scrubber, the
 * clock and the live badge follow the clock; the buttons re-render when playback changes.
 */
export function PlaybackBar() {
  const t = useT();
  const store = useSimStore();
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const a = store.getState();
  return (
    <section className="playback" aria-label={t('playback.region')}>
      <button
        type="button"
        className="icon-button"
        onClick={() => a.stepBack()}
        aria-label={t('playback.stepBack')}
        title={`${t('playback.stepBack')} (←)`}
      >
        <SkipBack aria-hidden="true" size={18} />
      </button>
      <button
        type="button"
        className="play-button"
        onClick={() => a.togglePlay()}
        title={`${playing ? t('playback.pause') : t('playback.play')} (Space)`}
      >
        {playing ? <Pause aria-hidden="true" size={18} /> : <Play aria-hidden="true" size={18} />}
        <span>{playing ? t('playback.pause') : t('playback.play')}</span>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => a.stepForward()}
        aria-label={t('playback.stepForward')}
        title={`${t('playback.stepForward')} (→)`}
      >
        <SkipForward aria-hidden="true" size={18} />
      </button>
      <label className="speed">
        <span>{t('playback.speed')}</span>
        <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <Scrubber />
      <Clock />
      <LiveBadge />
    </section>
  );
}

function Scrubber() {
  const t = useT();
  const seekTo = useSimStore().getState().seekTo;
  // The slider's own resolution: it moves (and re-renders) in 100 ms steps.
  const { nowMs, startMs, horizonMs, originMs } = useSim(
    useShallow((s) => ({
      nowMs: s.nowMs >= s.horizonMs ? s.nowMs : Math.floor(s.nowMs / 100) * 100,
      startMs: s.startMs,
      horizonMs: s.horizonMs,
      originMs: s.clockOriginMs,
    })),
  );
  return (
    <div className="scrubber">
      <input
        type="range"
        aria-label={t('playback.timeline')}
        min={startMs}
        max={Math.max(horizonMs, startMs + 1)}
        step={100}
        value={nowMs}
        aria-valuetext={formatClock(nowMs - originMs)}
        onChange={(e) => {
          // The slider moves in 100 ms steps from the start; its last step is the live edge.
          const ms = Number(e.target.value);
          seekTo(ms > horizonMs - 100 ? horizonMs : ms);
        }}
      />
      <InputMarks />
    </div>
  );
}

/** The clock redraws only when its tenths change; it counts from the cluster's creation. */
function Clock() {
  const t = useT();
  const tenths = useSim((s) => Math.floor((s.nowMs - s.clockOriginMs) / 100));
  return (
    <p className="clock">
      <span className="visually-hidden">{t('playback.time')} </span>
      <time dateTime={`PT${(tenths / 10).toFixed(1)}S`}>{formatClock(tenths * 100)}</time>
    </p>
  );
}

function LiveBadge() {
  const t = useT();
  const store = useSimStore();
  const inPast = useSim((s) => s.nowMs < s.horizonMs);
  const inputCount = useSim((s) => s.inputs.length);
  const attached = useSim((s) => s.attached !== null);
  if (inPast) {
    return (
      <button
        type="button"
        className="live-button"
        onClick={() => store.getState().seekTo(store.getState().horizonMs)}
        title={t(attached ? 'playback.pastAttached' : 'playback.past')}
      >
        <Radio aria-hidden="true" size={16} />
        {t('playback.toLive')}
      </button>
    );
  }
  return (
    <span className="live-badge" title={t('playback.inputs', { count: inputCount })}>
      <Radio aria-hidden="true" size={14} /> {t('playback.live')}
    </span>
  );
}

/**
 * Ticks on the scrubber where the learner acted (console lines, fault buttons) or, attached to a
 * served cluster, where its clients did: one tick per 0.25 % of the scrubber at most, so a
 * terminal polling the API server for an hour stays a few hundred ticks.
 */
function InputMarks() {
  const { inputs, startMs, horizonMs } = useSim(
    useShallow((s) => ({ inputs: s.inputs, startMs: s.startMs, horizonMs: s.horizonMs })),
  );
  const span = Math.max(1, horizonMs - startMs);
  const marks = new Map<number, { left: number; line: string }>();
  for (const i of inputs) {
    const left = ((i.fromMs - startMs) / span) * 100;
    const bucket = Math.round(left * 4);
    if (!marks.has(bucket)) marks.set(bucket, { left, line: i.line });
  }
  return (
    <div className="input-marks" aria-hidden="true">
      {[...marks].map(([bucket, m]) => (
        <span key={bucket} className="input-mark" style={{ left: `${m.left}%` }} title={m.line} />
      ))}
    </div>
  );
}
