/**
 * Shared paint for the scene: floor tiles for the kitchens, a wood grain for counters, carpet for
 * the office and the dining room, and the flame's gradient (the only gradient, art direction).
 */
export function SceneDefs() {
  return (
    <defs>
      <pattern id="kk-tiles" width="16" height="16" patternUnits="userSpaceOnUse">
        <rect className="tile-a" width="16" height="16" />
        <path className="tile-line" d="M0 0.5H16M0.5 0V16" />
      </pattern>
      <pattern id="kk-office" width="12" height="12" patternUnits="userSpaceOnUse">
        <rect className="office-a" width="12" height="12" />
        <path className="office-line" d="M0 11.5H12" />
      </pattern>
      <pattern id="kk-dining" width="20" height="20" patternUnits="userSpaceOnUse">
        <rect className="dining-a" width="20" height="20" />
        <path className="dining-line" d="M0 0.5L20 20.5M-10 10.5L10 30.5M10 -9.5L30 10.5" />
      </pattern>
      <linearGradient id="kk-flame" x1="0" y1="1" x2="0" y2="0">
        <stop offset="0" stopColor="#e8590c" />
        <stop offset="0.6" stopColor="#f59f00" />
        <stop offset="1" stopColor="#ffd43b" />
      </linearGradient>
    </defs>
  );
}
