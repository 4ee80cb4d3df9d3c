// Vitest: the ActiveJob matchers' types for Vitest's expect (types only; registering them is expect.extend).
import 'nestjs-active-job/testing/vitest';
