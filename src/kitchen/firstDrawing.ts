import { createContext } from 'react';

/**
 * `current` is true until the scene's first drawing, put on the page a room at a time
 * (KitchenScene), is complete: a kitchen drawn then is simply there. It must not fade in as a
 * kitchen that joins the cluster does, which would show an event that did not happen. (A ref,
 * not a value: it is read when a kitchen mounts, and its end redraws nothing.)
 */
export const FirstDrawing = createContext<{ current: boolean }>({ current: false });
