/**
 * `new Date(ms).toISOString()` remembered for the last millisecond asked: formatting a date costs
 * more than the rest of building a payload, and jobs come many to the millisecond. One per caller,
 * so two streams of times (enqueue now, jobs' stored times) do not evict each other.
 */
export function isoTimeCache(): (ms: number) => string {
  let lastMs = NaN;
  let lastIso = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastIso = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastIso;
  };
}
