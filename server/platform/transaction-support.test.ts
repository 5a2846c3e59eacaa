/**
 * checkTransactionSupport: transactions need a replica set. A server whose `hello` names a set
 * (the embedded engine reports one) passes; a standalone server stops a production start and is
 * a loud error elsewhere.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { createTestContext, type TestContext } from '../../test/support';
import type { AppDeps } from '../deps';
import { checkTransactionSupport } from './unit-of-work';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

function depsWith(hello: Record<string, unknown> | null, isProduction: boolean) {
  const errors: string[] = [];
  const logger = pino({ level: 'silent' });
  logger.error = ((msg: string) => void errors.push(msg)) as typeof logger.error;
  // The real connection, except (for the standalone case) the answer to `hello`.
  const connection = hello
    ? ({ db: { admin: () => ({ command: async () => hello }) } } as unknown as mongoose.Connection)
    : ctx.deps.db.connection;
  const deps = { db: { kind: 'mongodb', connection }, logger, config: { ...ctx.deps.config, isProduction } } as unknown as AppDeps;
  return { deps, errors };
}

it('when the server is a replica set member (the engine reports one), passes quietly', async () => {
  const { deps, errors } = depsWith(null, true);
  await expect(checkTransactionSupport(deps)).resolves.toBeUndefined();
  expect(errors).toEqual([]);
});

it('when the server is standalone, refuses a production start and logs a loud error elsewhere', async () => {
  const standalone = { isWritablePrimary: true, maxWireVersion: 21, ok: 1 };
  await expect(checkTransactionSupport(depsWith(standalone, true).deps)).rejects.toThrow(/standalone MongoDB server.*replica set/);
  const dev = depsWith(standalone, false);
  await expect(checkTransactionSupport(dev.deps)).resolves.toBeUndefined();
  expect(dev.errors.join('')).toMatch(/replica set/);
});

it('when the server is mongos (sharded cluster), passes', async () => {
  await expect(checkTransactionSupport(depsWith({ msg: 'isdbgrid', ok: 1 }, true).deps)).resolves.toBeUndefined();
});
