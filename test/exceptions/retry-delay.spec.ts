import { retryDelayMs } from '../../src/active-job/exceptions/retry-delay';

describe('retry delays (ActiveJob determine_delay)', () => {
  const error = new Error('boom');
  const always = (value: number) => () => value;

  it('waits polynomially longer: executions**4 + 2 seconds, plus jitter of the polynomial part', () => {
    // ActiveJob's test stubs rand at 2: 3 s + 2*1*0.15, 18 s + 2*16*0.15, 83 s + 2*81*0.15, 258 s + 2*256*0.15.
    expect([1, 2, 3, 4].map((n) => retryDelayMs('polynomiallyLonger', n, error, 0.15, always(2)))).toEqual([3_300, 22_800, 107_300, 334_800]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs('polynomiallyLonger', n, error, 0.15, always(0)))).toEqual([3_000, 18_000, 83_000, 258_000]);
  });

  it('uses the jitter it is given (4.0 with rand 1 gives 7, 82, 407, 1282 s as in ActiveJob)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs('polynomiallyLonger', n, error, 4, always(1)))).toEqual([7_000, 82_000, 407_000, 1_282_000]);
  });

  it('waits exponentially longer: 2**executions seconds plus jitter', () => {
    expect([1, 2, 3, 10].map((n) => retryDelayMs('exponentiallyLonger', n, error, 0))).toEqual([2_000, 4_000, 8_000, 1_024_000]);
  });

  it('adds up to the jitter fraction to a fixed wait, and none with jitter 0', () => {
    expect(retryDelayMs('1h', 1, error, 0.15, always(1))).toBe(3_600_000 + 540_000);
    expect(retryDelayMs(2_000, 1, error, 0.15, always(1))).toBe(2_300);
    expect(retryDelayMs(undefined, 1, error, 0, always(1))).toBe(3_000);
    for (let i = 0; i < 50; i++) {
      const delay = retryDelayMs(undefined, 1, error);
      expect(delay).toBeGreaterThanOrEqual(3_000);
      expect(delay).toBeLessThanOrEqual(3_450);
    }
  });

  it('lets a function decide from executions and the error, without jitter', () => {
    const byError = Object.assign(new Error('x'), { retryAfterMs: 10_000 });
    expect(retryDelayMs((n) => n * 2_000, 3, error, 0.15, always(1))).toBe(6_000);
    expect(retryDelayMs((n, e) => (e as typeof byError).retryAfterMs + n * 1_000, 2, byError)).toBe(12_000);
    expect(() => retryDelayMs(() => -1, 1, error)).toThrow('@RetryOn wait function returned -1');
  });
});
