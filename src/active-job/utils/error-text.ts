/** The message of something thrown, for a log line or another error's message: a rejection need not be an Error. */
export function errorText(error: unknown): string {
  return (error as Error | null | undefined)?.message ?? String(error);
}
