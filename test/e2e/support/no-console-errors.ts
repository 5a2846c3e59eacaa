/**
 * Runs after every journey (setupFilesAfterEnv): a journey that left an uncaught page error
 * or a console.error behind fails, even when every step it checked passed.
 */
import { takePageErrors } from './browser';

afterEach(() => {
  const errors = takePageErrors();
  if (errors.length > 0) throw new Error(`the pages logged errors during this journey:\n${errors.join('\n')}`);
});
