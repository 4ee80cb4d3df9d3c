import { stripVTControlCharacters } from 'node:util';

/** The message an assertion fails with, without colours; fails itself when the assertion passes. */
export function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('Expected the assertion to fail, but it passed');
}

/** As `failureOf`, for assertions that return a promise. */
export async function asyncFailureOf(assertion: () => Promise<unknown>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('Expected the assertion to fail, but it passed');
}
