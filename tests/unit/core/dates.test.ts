import { describe, expect, it } from 'vitest';
import { formatDate, localDay } from '../../../src/core/dates';

describe('dates on screen', () => {
  it('writes the story date as a reader reads it, whatever the time zone', () => {
    expect(formatDate('2023-09-12', 'en-GB')).toBe('12 September 2023');
    expect(formatDate('2023-09', 'en-GB')).toBe('September 2023');
    expect(formatDate('2024-05-01', 'en-GB')).toBe('1 May 2024');
  });

  it('leaves what is not an ISO date as it is, and nothing as nothing', () => {
    expect(formatDate('spring 2023', 'en-GB')).toBe('spring 2023');
    expect(formatDate('2023-13-01', 'en-GB')).toBe('2023-13-01');
    expect(formatDate(undefined, 'en-GB')).toBe('');
  });

  it('a visit is dated by the reader’s own calendar day', () => {
    expect(localDay(new Date(2026, 2, 1, 23, 59))).toBe('2026-03-01');
    expect(localDay(new Date('not a date'))).toBe('');
  });
});
