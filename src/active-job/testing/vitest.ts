// `nestjs-active-job/testing/vitest`: adds the ActiveJob matchers to Vitest's `expect` types. Types only:
// importing it loads no Vitest code. Register the matchers themselves with `expect.extend(activeJobMatchers)`.
// Brings the augmented module into the program, here and in the emitted typings (an augmentation of a
// module the program has not loaded is ignored).
/// <reference types="vitest" preserve="true" />
import type { MailerMatchers } from './mail-matchers';
import type { ActiveJobMatchers } from './matchers';

declare module 'vitest' {
  interface Assertion<T = any> extends ActiveJobMatchers<void, T>, MailerMatchers<void, T> {}
}

export type { ActiveJobMatchers, MailerMatchers };
