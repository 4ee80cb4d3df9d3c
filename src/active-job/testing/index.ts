export { TestAdapter, type RecordedJob } from '../adapters/test.adapter';
