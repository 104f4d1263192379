/** framer-motion's DOM animation features, in their own chunk (loaded by LazyMotion). */
import { domAnimation } from 'motion/react';

export default domAnimation;
