import type { Actor } from '../http/actor';
import { AppError } from '../http/errors';
import { definePolicy, memoForActor, withAbilities } from './policy';

const actor = (userId: string, roles: Actor['roles'] = []): Actor => ({
  userId,
  kind: 'resident',
  roles,
  consentVersion: null,
  realNameVerified: false,
  tokenId: 't',
});

type Doc = { owner: string; open: boolean };
const docPolicy = definePolicy<Doc, 'edit' | 'close'>(
  'doc',
  { edit: (a, d) => a?.userId === d.owner, close: (a, d) => a?.userId === d.owner },
  { close: (d) => d.open },
);

describe('definePolicy', () => {
  test('can answers who may; abilities add whether the state allows it now; authorize is a 403', async () => {
    const owner = actor('u1');
    const closed = { owner: 'u1', open: false };
    expect(await docPolicy.can(owner, 'close', closed)).toBe(true);
    expect(await docPolicy.abilities(owner, closed)).toEqual({ edit: true, close: false });
    expect(await docPolicy.abilities(actor('u2'), { owner: 'u1', open: true })).toEqual({ edit: false, close: false });
    expect(await docPolicy.abilities(null, { owner: 'u1', open: true })).toEqual({ edit: false, close: false });
    await expect(docPolicy.authorize(owner, 'edit', closed)).resolves.toBeUndefined();
    const err = await docPolicy.authorize(actor('u2'), 'edit', closed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
  });

  test('withAbilities presents each document with the asker abilities', async () => {
    const rows = await withAbilities(docPolicy, actor('u1'), [{ owner: 'u1', open: true }, { owner: 'u2', open: true }], (d) => ({ o: d.owner }));
    expect(rows).toEqual([
      { o: 'u1', abilities: { edit: true, close: true } },
      { o: 'u2', abilities: { edit: false, close: false } },
    ]);
  });

  test('memoForActor asks once per actor and key, and forgets a failed lookup', async () => {
    const a = actor('u1');
    let calls = 0;
    const look = () => memoForActor(a, 'k', async () => ++calls);
    expect(await Promise.all([look(), look()])).toEqual([1, 1]);
    expect(await memoForActor(actor('u1'), 'k', async () => ++calls)).toBe(2);
    const failing = () => memoForActor(a, 'bad', async () => Promise.reject(new Error('down')));
    await expect(failing()).rejects.toThrow('down');
    await new Promise((r) => setImmediate(r));
    expect(await memoForActor(a, 'bad', async () => 'ok')).toBe('ok');
  });
});
