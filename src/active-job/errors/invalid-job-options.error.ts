import { ActiveJobError } from './active-job.error';

/** A module, `@Job`, `@Processor` or `set()` option has a value that cannot work. */
export class InvalidJobOptionsError extends ActiveJobError {}
