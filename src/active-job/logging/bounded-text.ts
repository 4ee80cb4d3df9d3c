/** Most characters of job data (arguments, an error message) one log line carries. */
export const LOGGED_TEXT_LIMIT = 1024;

/**
 * `text` cut to `limit` characters, saying how long it was: a job's arguments or an error quoting
 * them can be megabytes, and a log line is no place for them.
 */
export function boundedText(text: string, limit = LOGGED_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}... [truncated: ${formatBytes(Buffer.byteLength(text))} in all]`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
