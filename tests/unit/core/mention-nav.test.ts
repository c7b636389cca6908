import { describe, expect, it } from 'vitest';
import { startIndex, stepIndex } from '../../../src/core/mention-nav';

describe('stepping through mentions', () => {
  it('next and previous move one mention and wrap around at both ends', () => {
    expect(stepIndex(0, 3, 1)).toBe(1);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(1, 3, -1)).toBe(0);
  });

  it('with no current mention, next starts at the first and previous at the last', () => {
    expect(stepIndex(-1, 4, 1)).toBe(0);
    expect(stepIndex(-1, 4, -1)).toBe(3);
    expect(stepIndex(0, 0, 1)).toBe(-1);
  });

  it('the shortcut starts from what the reader sees: the first mention in view going forward, the last in view going back', () => {
    const tops = [-900, -40, 120, 500, 1400];
    expect(startIndex(tops, 800, 1)).toBe(2);
    expect(startIndex(tops, 800, -1)).toBe(3);
    expect(startIndex([-500, -100], 800, 1)).toBe(0); // all above: wrap to the first
    expect(startIndex([], 800, 1)).toBe(-1);
  });
});
