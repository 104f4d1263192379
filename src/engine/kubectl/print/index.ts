/**
 * kubectl's output formats as pure functions: `get` tables, -o yaml/json/name, and describe.
 * Times are simulation milliseconds (EPOCH_MS is wall-clock 0); nothing here reads a clock.
 */
import type { KObject } from '../../api/types';
import { timestampSince } from './time';

export { type DescribeContext, describe } from './describe';
export { printName, printObject } from './output';
export { podStatusReason } from './podStatus';
export { type PrintOptions, printTable } from './table';
export { humanDuration } from './time';

/** printers.go translateTimestampSince: HumanDuration of now − timestamp (`<unknown>` if absent). */
export function formatAge(fromTimestamp: string, nowMs: number): string {
  return timestampSince(fromTimestamp, nowMs);
}

export type { KObject };
