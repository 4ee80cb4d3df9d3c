export * from './job.decorator';
export * from './processor.decorator';
