/** The stored-object type, re-exported so nested folders import it without leaving print/. */
export type { KObject } from '../../api/types';
