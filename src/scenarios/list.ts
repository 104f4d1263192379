/**
 * The walkthroughs, in the order the app lists them. Data only: importing this pulls in no engine
 * code (the header's picker is on the page before the engine has loaded).
 */
import type { Walkthrough } from './schema';
import { apiserverDown } from './walkthroughs/apiserverDown';
import { controlPlaneTaint } from './walkthroughs/controlPlaneTaint';
import { cookDebug } from './walkthroughs/cookDebug';
import { newKitchen } from './walkthroughs/newKitchen';
import { nodeLost } from './walkthroughs/nodeLost';
import { podCreation } from './walkthroughs/podCreation';
import { seatingChart } from './walkthroughs/seatingChart';

export const walkthroughs: readonly Walkthrough[] = [
  podCreation,
  apiserverDown,
  nodeLost,
  seatingChart,
  newKitchen,
  controlPlaneTaint,
  cookDebug,
];

export function walkthroughById(id: string): Walkthrough | undefined {
  return walkthroughs.find((w) => w.id === id);
}
