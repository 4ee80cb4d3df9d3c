import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';

/** A second place that injects the mailers queue, to show every injection gets the same instance. */
@Injectable()
export class QueueProbe {
  constructor(@InjectQueue('mailers') readonly mailers: Queue) {}
}
