import { isoTimeCache } from '../../src/active-job/utils/iso-time';

describe('isoTimeCache', () => {
  it('formats every millisecond as toISOString does, within a second, across seconds and years', () => {
    const iso = isoTimeCache();
    const times = [
      Date.UTC(2026, 10, 30, 5, 0, 0, 0),
      Date.UTC(2026, 10, 30, 5, 0, 0, 7),
      Date.UTC(2026, 10, 30, 5, 0, 0, 42),
      Date.UTC(2026, 10, 30, 5, 0, 0, 999),
      Date.UTC(2026, 10, 30, 5, 0, 1, 0),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59, 500), // before 1970: a negative time
      0,
      8.64e15, // the last time a Date holds, in toISOString's six-digit year form
      Date.UTC(2026, 10, 30, 5, 0, 0, 7) + 0.6, // a fraction of a millisecond, dropped as a Date drops it
      -1_500.5,
    ];
    for (const ms of times) expect(iso(ms)).toBe(new Date(ms).toISOString());
    for (const ms of [...times].reverse()) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });

  it('refuses an invalid time as toISOString does', () => {
    expect(() => isoTimeCache()(Number.NaN)).toThrow(RangeError);
  });
});
