import { describe, expect, it } from 'vitest';
import { scrollToFit } from './reveal';

const span = (start: number, end: number) => ({ start, end });

describe('scrollToFit', () => {
  it('leaves what is already visible where it is', () => {
    expect(scrollToFit([span(100, 200), span(250, 300)], 0, 500)).toBe(0);
    expect(scrollToFit([], 0, 500)).toBe(0);
  });

  it('scrolls down just enough for a part below, up for a part above', () => {
    expect(scrollToFit([span(600, 700)], 0, 500)).toBe(200);
    expect(scrollToFit([span(-300, -200)], 0, 500)).toBe(-300);
  });

  it('puts the top of a part taller than the room at the top', () => {
    expect(scrollToFit([span(600, 1400)], 10, 500)).toBe(590);
  });

  it('shows as many parts as fit together, the nearest such place when there is a choice', () => {
    // Three parts far apart: the two close ones win, wherever they are.
    expect(scrollToFit([span(0, 50), span(900, 950), span(1000, 1100)], 0, 400)).toBe(700);
    // Two single parts out of reach of each other: the nearer one.
    expect(scrollToFit([span(-900, -850), span(600, 650)], 0, 400)).toBe(250);
  });

  it('counts a part inside another once the window starts at the outer one', () => {
    expect(scrollToFit([span(500, 900), span(550, 600), span(2000, 2100)], 0, 450)).toBe(450);
  });
});
