/** An environment variable the demo cannot use; the message names the variable and what it expects. */
export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}
