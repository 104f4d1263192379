/** The guided walkthroughs (data), their runner and their matchers. */
export { walkthroughById, walkthroughs } from './list';
export * from './runner';
export type * from './schema';
