/** Simulated time as h:mm:ss.t (tenths keep stepping visible when entries are close together). */
export function formatClock(ms: number): string {
  const tenths = Math.floor((ms % 1000) / 100);
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${tenths}`;
}
