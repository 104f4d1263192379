/**
 * The walkthrough's highlight: a ring around each part a step talks about, gliding from the
 * parts of the last step to the parts of this one (framer-motion), so the eye follows the story.
 * Parts without a place on the scene (a container, a Service's slice) are lit by their own
 * elements instead (see `litState`).
 */
import { AnimatePresence, m } from 'motion/react';
import { memo } from 'react';
import type { Box, SceneLayout } from './layout';
import type { Place } from './model';
import { useScene } from './sceneStore';
import { useSceneTransition } from './useInstant';

/** At most this many rings: a step that lights more lights them by their elements only. */
const RINGS = 4;

export const HighlightRing = memo(function HighlightRing({
  places,
  layout,
}: {
  places: ReadonlyMap<string, Place>;
  layout: SceneLayout;
}) {
  const ids = useScene((s) => s.highlight);
  const glide = useSceneTransition({ type: 'spring', stiffness: 260, damping: 30 });
  const boxes: Box[] = [];
  for (const id of ids) {
    const p = places.get(id);
    if (p) boxes.push(p.box);
    if (boxes.length === RINGS) break;
  }
  return (
    <g className="highlight-rings" aria-hidden="true" pointerEvents="none">
      <AnimatePresence>
        {boxes.map((b, i) => (
          <m.rect
            // biome-ignore lint/suspicious/noArrayIndexKey: the i-th ring glides to the i-th part
            key={i}
            className="highlight-ring"
            rx={12}
            initial={{ opacity: 0, x: b.x - 5, y: b.y - 5, width: b.w + 10, height: b.h + 10 }}
            animate={{
              opacity: 1,
              x: Math.max(1, b.x - 5),
              y: Math.max(1, b.y - 5),
              width: Math.min(b.w + 10, layout.width - 2),
              height: b.h + 10,
            }}
            exit={{ opacity: 0 }}
            transition={glide}
          />
        ))}
      </AnimatePresence>
    </g>
  );
});
