import { domMax } from 'motion/react';

/** Loaded lazily by <LazyMotion>: layout animations need domMax. */
export default domMax;
