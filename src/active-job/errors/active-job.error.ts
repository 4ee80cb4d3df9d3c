/** Base class of every error this library raises, so callers can catch them as a family. */
export class ActiveJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
