import { Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JOB_METADATA, PROCESSOR_METADATA } from '../active-job.constants';
import type { ProcessorMetadata } from '../decorators/processor.decorator';
import type { JobOptions } from '../interfaces/job-options.interface';

@Injectable()
export class JobMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getJobOptions(target: Type | Function): JobOptions | undefined {
    return this.reflector.get(JOB_METADATA, target);
  }

  getProcessorMetadata(target: Type | Function): ProcessorMetadata | undefined {
    return this.reflector.get(PROCESSOR_METADATA, target);
  }
}
