/** The guided walkthroughs (data), their runner and their matchers. */
import type { Walkthrough } from './schema';
import { apiserverDown } from './walkthroughs/apiserverDown';
import { controlPlaneTaint } from './walkthroughs/controlPlaneTaint';
import { newKitchen } from './walkthroughs/newKitchen';
import { nodeLost } from './walkthroughs/nodeLost';
import { podCreation } from './walkthroughs/podCreation';
import { seatingChart } from './walkthroughs/seatingChart';

export * from './runner';
export type * from './schema';

/** In the order the app lists them. */
export const walkthroughs: readonly Walkthrough[] = [
  podCreation,
  apiserverDown,
  nodeLost,
  seatingChart,
  newKitchen,
  controlPlaneTaint,
];

export function walkthroughById(id: string): Walkthrough | undefined {
  return walkthroughs.find((w) => w.id === id);
}
