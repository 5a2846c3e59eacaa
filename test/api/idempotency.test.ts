/**
 * Idempotency-Key on creating POSTs (issue 9, item 8): stored answers replayed for the same
 * key and body, 409 for the same key with another body, one execution for concurrent duplicates.
 */
import { Types } from 'mongoose';
import { IdempotencyRecord } from '../../server/http/idempotency';
import { HelpRequest } from '../../server/modules/volunteering/help-requests/model';
import { buildResident, createTestContext, uniqueSuffix, type TestContext } from '../support';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const need = (description = '独居老人需要每周买菜帮助') => ({
  category: 'elderly_care',
  description,
  address: '幸福小区 3 号楼',
  neededAt: new Date(Date.now() + 86_400_000).toISOString(),
});
const post = (auth: string, key: string | undefined, body: unknown) => {
  const req = ctx.http.post('/api/help-requests').set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body as object);
};
const countFor = (userId: string) => HelpRequest.countDocuments({ author: new Types.ObjectId(userId) });

describe('Idempotency-Key', () => {
  it('a retry with the same key and body gets the stored answer, and nothing is created twice', async () => {
    const r = await buildResident(ctx);
    const key = `k-${uniqueSuffix()}`;
    const body = need();
    const first = await post(r.auth, key, body);
    expect(first.status).toBe(201);
    const again = await post(r.auth, key, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countFor(r.user.id)).toBe(1);
    // Without a key, the same body creates another one (the client decides what a retry is).
    expect((await post(r.auth, undefined, body)).status).toBe(201);
    expect(await countFor(r.user.id)).toBe(2);
  });

  it('the same key with another body is 409 idempotency_conflict', async () => {
    const r = await buildResident(ctx);
    const key = `k-${uniqueSuffix()}`;
    expect((await post(r.auth, key, need())).status).toBe(201);
    const other = await post(r.auth, key, need('另一件事：楼道需要清理杂物'));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    expect(await countFor(r.user.id)).toBe(1);
  });

  it('concurrent duplicates execute once and all get the same answer', async () => {
    const r = await buildResident(ctx);
    const key = `k-${uniqueSuffix()}`;
    const body = need();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(r.auth, key, body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.request.id)).size).toBe(1);
    expect(await countFor(r.user.id)).toBe(1);
  });

  it('keys are per actor and per route, refused when malformed, and a failed run can be retried', async () => {
    const a = await buildResident(ctx);
    const b = await buildResident(ctx);
    const key = `k-${uniqueSuffix()}`;
    expect((await post(a.auth, key, need())).status).toBe(201);
    expect((await post(b.auth, key, need())).status).toBe(201);
    expect(await countFor(b.user.id)).toBe(1);

    const bad = await post(a.auth, 'short', need());
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);

    // The command refuses a past date by throwing: nothing is stored, so the corrected retry runs.
    const failing = `k-${uniqueSuffix()}`;
    const past = { ...need(), neededAt: '2020-01-01T00:00:00Z' };
    expect((await post(a.auth, failing, past)).status).toBe(400);
    expect(await IdempotencyRecord.countDocuments({ state: 'pending' })).toBe(0);
    const corrected = await post(a.auth, failing, need());
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });
});
