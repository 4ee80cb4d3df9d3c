// `nestjs-active-job/testing/jest`: adds the ActiveJob matchers to Jest's `expect` types. Types only:
// importing it loads no Jest code. Register the matchers themselves with `expect.extend(activeJobMatchers)`.
// Brings the augmented module into the program, here and in the emitted typings (an augmentation of a
// module the program has not loaded is ignored).
/// <reference types="expect" preserve="true" />
import type { MailerMatchers } from './mail-matchers';
import type { ActiveJobMatchers } from './matchers';

declare global {
  // The global `expect` of @types/jest reads `jest.Matchers`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the default @types/jest declares
    interface Matchers<R, T = {}> extends ActiveJobMatchers<R, T>, MailerMatchers<R, T> {}
  }
}

// `expect` from @jest/globals reads the `expect` package's Matchers.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ActiveJobMatchers<R, T>, MailerMatchers<R, T> {}
}

export type { ActiveJobMatchers, MailerMatchers };
