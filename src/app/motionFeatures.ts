/**
 * Motion's animation features, in a chunk of their own: `LazyMotion` (MotionProvider.tsx) fetches
 * them once the shell is up, so no `m.*` component costs the first chunk their weight.
 */
import { domAnimation } from 'motion/react';

export default domAnimation;
