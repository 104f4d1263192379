import { expect, it } from 'vitest';
import { formatClock } from './formatClock';

it('formats simulated time as h:mm:ss.t', () => {
  expect(formatClock(0)).toBe('0:00:00.0');
  expect(formatClock(40_250)).toBe('0:00:40.2');
  expect(formatClock(3_723_999)).toBe('1:02:03.9');
});
