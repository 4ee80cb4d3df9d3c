import { ActiveJobError } from './active-job.error';

/** The worker received a job whose class it does not know (not in any `forFeature`). */
export class UnknownJobClassError extends ActiveJobError {
  constructor(
    readonly jobClass: string,
    readonly known: string[],
  ) {
    super(
      `Unknown job class "${jobClass}": this worker knows ${known.length ? known.join(', ') : 'no job classes'}. ` +
        `Register it with ActiveJobModule.forFeature([${jobClass}]) in the worker's modules.`,
    );
  }
}
