/**
 * The unit of work and the outbox through the real app and engine: events commit with the
 * command or not at all, delivery is retried then dead-lettered (and a district admin can send
 * it again over HTTP), a second delivery has no second effect, and an aggregate's events
 * arrive in order.
 */
import mongoose, { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../test/support';
import { AuditEntry } from '../../modules/audit/model';
import { inUnitOfWork } from '../unit-of-work';
import { MAX_ATTEMPTS, backoffMs, deliverEvents, dispatchPending } from './dispatcher';
import { OutboxEvent, OutboxReceipt } from './model';
import { registerSubscribers } from './registry';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

/** What the test subscribers and commands write: one document per effect (a model, so it joins the transaction). */
const Effect =
  (mongoose.models.TestOutboxEffect as mongoose.Model<{ event?: string; key: string; by?: string }> | undefined) ??
  mongoose.model('TestOutboxEffect', new mongoose.Schema({ event: String, key: String, by: String }), 'test_outbox_effects');
const effects = () => Effect;
const FAR = () => new Date(Date.now() + 365 * 24 * 3600_000);

const calls: Record<string, number> = {};
const failuresLeft: Record<string, number> = {};
const order: string[] = [];
registerSubscribers([
  {
    name: 'test.effect',
    events: ['test.effect'],
    handle: async (event) => {
      calls[event.id] = (calls[event.id] ?? 0) + 1;
      await Effect.create([{ event: event.id, key: String(event.payload.key) }]);
    },
  },
  {
    name: 'test.flaky',
    events: ['test.flaky'],
    handle: async (event) => {
      const key = String(event.payload.key);
      calls[key] = (calls[key] ?? 0) + 1;
      if ((failuresLeft[key] ?? 0) !== 0) {
        failuresLeft[key] -= 1;
        throw new Error(`subscriber down (${key})`);
      }
      order.push(key);
    },
  },
]);

const emitOne = (type: string, payload: Record<string, unknown>, aggregate = `test:${new Types.ObjectId().toHexString()}`) =>
  inUnitOfWork(ctx.deps, async (uow) => {
    uow.emit({ type, aggregate, payload });
    return aggregate;
  });

describe('unit of work', () => {
  it('when the command throws after writing, neither its writes nor its events exist, and nothing is delivered', async () => {
    const key = `rolled-back-${new Types.ObjectId().toHexString()}`;
    await expect(
      inUnitOfWork(ctx.deps, async (uow) => {
        await Effect.create([{ key, by: 'command' }]);
        uow.emit({ type: 'test.effect', aggregate: `test:${key}`, payload: { key } });
        throw new Error('command failed after its writes');
      }),
    ).rejects.toThrow('command failed');
    expect(await effects().countDocuments({ key })).toBe(0);
    expect(await OutboxEvent.countDocuments({ 'payload.key': key })).toBe(0);
    await dispatchPending(ctx.deps, FAR());
    expect(await effects().countDocuments({ key })).toBe(0);
  });

  it('when the command refuses after writing (uow.rollback), returns the refusal and keeps nothing', async () => {
    const key = `refused-${new Types.ObjectId().toHexString()}`;
    const result = await inUnitOfWork(ctx.deps, async (uow) => {
      await Effect.create([{ key, by: 'command' }]);
      uow.emit({ type: 'test.effect', aggregate: `test:${key}`, payload: { key } });
      return uow.rollback({ outcome: 'last_admin' as const });
    });
    expect(result).toEqual({ outcome: 'last_admin' });
    expect(await effects().countDocuments({ key })).toBe(0);
    expect(await OutboxEvent.countDocuments({ 'payload.key': key })).toBe(0);
  });

  it('when the command commits, its event is delivered once at once and marked delivered', async () => {
    const key = `ok-${new Types.ObjectId().toHexString()}`;
    await emitOne('test.effect', { key });
    const event = await OutboxEvent.findOne({ 'payload.key': key }).lean();
    expect(event).toMatchObject({ status: 'delivered', attempts: 0 });
    expect(await effects().countDocuments({ key })).toBe(1);
  });
});

describe('dispatcher', () => {
  it('when a delivery is repeated (a dispatcher crashed before marking it), the subscriber has no second effect', async () => {
    const key = `dup-${new Types.ObjectId().toHexString()}`;
    await emitOne('test.effect', { key });
    const event = (await OutboxEvent.findOne({ 'payload.key': key }).lean())!;
    // As if the process died between the subscriber's commit and marking the event delivered,
    // and two dispatchers then pick it up at the same time.
    await OutboxEvent.updateOne({ _id: event._id }, { $set: { status: 'pending' }, $unset: { deliveredAt: 1 } });
    await Promise.all([deliverEvents(ctx.deps, [event._id]), dispatchPending(ctx.deps), dispatchPending(ctx.deps)]);
    expect(await effects().countDocuments({ key })).toBe(1);
    expect(calls[String(event._id)]).toBe(1);
    expect(await OutboxReceipt.countDocuments({ event: event._id, subscriber: 'test.effect' })).toBe(1);
    expect((await OutboxEvent.findById(event._id).lean())!.status).toBe('delivered');
  });

  it('when a subscriber keeps throwing, retries with growing backoff, then dead-letters the event', async () => {
    const key = `dead-${new Types.ObjectId().toHexString()}`;
    failuresLeft[key] = -1; // always
    await emitOne('test.flaky', { key });
    let event = (await OutboxEvent.findOne({ 'payload.key': key }).lean())!;
    expect(event).toMatchObject({ status: 'pending', attempts: 1, failedSubscriber: 'test.flaky' });
    expect(event.lastError).toContain('subscriber down');
    // Not due before its backoff ends.
    await dispatchPending(ctx.deps, new Date());
    expect(calls[key]).toBe(1);
    const gaps: number[] = [];
    while (event.status === 'pending') {
      const due = event.nextAttemptAt;
      await dispatchPending(ctx.deps, due);
      const next = (await OutboxEvent.findById(event._id).lean())!;
      if (next.status === 'pending') gaps.push(next.nextAttemptAt.getTime() - Date.now());
      event = next;
    }
    expect(event).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, failedSubscriber: 'test.flaky' });
    expect(calls[key]).toBe(MAX_ATTEMPTS);
    // Each wait is about twice the one before (backoff), within timing slack.
    gaps.forEach((g, i) => expect(g).toBeGreaterThan(backoffMs(i + 2) - 1000));
    await dispatchPending(ctx.deps, FAR());
    expect(calls[key]).toBe(MAX_ATTEMPTS); // a dead letter is not retried by itself
  });

  it('when an event of an aggregate fails, the later events of that aggregate wait for it (order per aggregate)', async () => {
    const aggregate = `test:${new Types.ObjectId().toHexString()}`;
    const first = `first-${aggregate}`;
    const second = `second-${aggregate}`;
    failuresLeft[first] = 1;
    await emitOne('test.flaky', { key: first }, aggregate);
    await emitOne('test.flaky', { key: second }, aggregate);
    expect(order).not.toContain(second); // held back while the first is pending
    await dispatchPending(ctx.deps, FAR());
    expect(order.filter((k) => k === first || k === second)).toEqual([first, second]);
  });
});

describe('dead letters for the district admin', () => {
  it('401 without a token, 403 for a resident, 400 on bad ids; lists dead events and sends them again', async () => {
    const key = `admin-${new Types.ObjectId().toHexString()}`;
    failuresLeft[key] = MAX_ATTEMPTS;
    await emitOne('test.flaky', { key });
    let event = (await OutboxEvent.findOne({ 'payload.key': key }).lean())!;
    while (event.status === 'pending') {
      await dispatchPending(ctx.deps, event.nextAttemptAt);
      event = (await OutboxEvent.findById(event._id).lean())!;
    }
    expect(event.status).toBe('dead');

    expect((await ctx.http.get('/api/admin/outbox/dead')).status).toBe(401);
    const resident = await buildResident(ctx);
    expect((await ctx.http.get('/api/admin/outbox/dead').set('Authorization', resident.auth)).status).toBe(403);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await ctx.http.post('/api/admin/outbox/retry').set('Authorization', admin.auth).send({ ids: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'ids.0', message: '编号格式不正确' });

    const list = await ctx.http.get('/api/admin/outbox/dead?pageSize=100').set('Authorization', admin.auth);
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { id: string }) => i.id === String(event._id));
    expect(item).toMatchObject({ type: 'test.flaky', status: 'dead', attempts: MAX_ATTEMPTS, failedSubscriber: 'test.flaky' });
    expect(item).not.toHaveProperty('payload');

    // The subscriber works again: a retry delivers it at once.
    failuresLeft[key] = 0;
    const retry = await ctx.http.post('/api/admin/outbox/retry').set('Authorization', admin.auth).send({ ids: [String(event._id)] });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ retried: 1 });
    expect(await AuditEntry.countDocuments({ action: 'outbox.retried', 'target.id': String(event._id) })).toBe(1);
    // The audit entry came from the retry's own event, recorded by the audit subscriber.
    expect(await OutboxEvent.countDocuments({ type: 'outbox.retried', 'payload.ids': String(event._id), status: 'delivered' })).toBe(1);
    expect((await OutboxEvent.findById(event._id).lean())!.status).toBe('delivered');
    expect(order).toContain(key);
    const again = await ctx.http.get('/api/admin/outbox/dead?pageSize=100').set('Authorization', admin.auth);
    expect(again.body.items.some((i: { id: string }) => i.id === String(event._id))).toBe(false);
  });
});
