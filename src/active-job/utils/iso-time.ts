/**
 * `new Date(ms).toISOString()`, formatted once per second: V8 formats a date through printf, which
 * costs more than the rest of building a payload, and jobs come many to the second. Within a second
 * only the milliseconds change. One per caller, so two streams of times (enqueue now, jobs' stored
 * times) do not evict each other.
 */
export function isoTimeCache(): (ms: number) => string {
  let second = NaN;
  let secondPrefix = ''; // 'YYYY-MM-DDTHH:MM:SS.'
  let lastMs = NaN;
  let lastIso = '';
  return (time) => {
    const ms = Math.trunc(time); // as a Date does with a fraction of a millisecond
    if (ms === lastMs) return lastIso;
    const startOfSecond = Math.floor(ms / 1000) * 1000;
    if (startOfSecond !== second) {
      secondPrefix = new Date(startOfSecond).toISOString().slice(0, -4); // throws RangeError for an invalid time, as toISOString does
      second = startOfSecond;
    }
    lastIso = `${secondPrefix}${String(ms - startOfSecond).padStart(3, '0')}Z`;
    lastMs = ms;
    return lastIso;
  };
}
