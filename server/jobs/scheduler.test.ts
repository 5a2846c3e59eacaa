import { createTestContext, buildResident, type TestContext } from '../../test/support';
import { notify } from '../modules/notifications/notify';
import { Notification } from '../modules/notifications/model';
import { createScheduler } from './scheduler';

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('waitFor: timed out');
};

describe('scheduler (Agenda on the app database)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ jobs: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('when the server runs its jobs, the outbox sender delivers a consented subscribe message by itself', async () => {
    const r = await buildResident(ctx);
    const tpl = ctx.config.WECHAT_TEMPLATE_ISSUE_UPDATE;
    await ctx.http
      .post('/api/me/subscriptions')
      .set('Authorization', r.auth)
      .send({ results: { [tpl]: 'accept' } });
    const { subscribe } = await notify(ctx.deps, r.user.id, {
      title: '问题进展',
      body: 'x',
      templateKey: 'issueUpdate',
    });
    // The sender job recurs every 5 seconds.
    await waitFor(async () => (await Notification.findById(subscribe!._id).lean())?.status === 'sent', 12_000);
    expect(ctx.sandbox.sentMessages().filter((m) => m.touser === r.openid)).toHaveLength(1);
  }, 20_000);

  it('when two schedulers share the database, a one-off job runs exactly once', async () => {
    const runs: string[] = [];
    const make = (label: string) =>
      createScheduler(ctx.deps, {
        processEvery: '100 milliseconds',
        lockLifetimeMs: 4_000,
        collection: 'agenda_jobs_test',
        jobs: [
          {
            name: 'test.once',
            handler: async (data) => {
              runs.push(`${label}:${String(data.n)}`);
            },
          },
        ],
      });
    const a = make('a');
    const b = make('b');
    await a.start();
    await b.start();
    try {
      await a.schedule(new Date(Date.now() + 200), 'test.once', { n: 1 });
      await b.now('test.once', { n: 2 });
      await waitFor(() => runs.length >= 2);
      await new Promise((r) => setTimeout(r, 600));
      expect(runs.map((x) => x.split(':')[1]).sort()).toEqual(['1', '2']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('when a pending job is cancelled, it never runs', async () => {
    const runs: unknown[] = [];
    const s = createScheduler(ctx.deps, {
      processEvery: '100 milliseconds',
      collection: 'agenda_jobs_cancel',
      jobs: [{ name: 'test.cancel', handler: async (d) => void runs.push(d) }],
    });
    await s.start();
    try {
      await s.schedule(new Date(Date.now() + 300), 'test.cancel', { key: 'k1' });
      expect(await s.cancel('test.cancel', { key: 'k1' })).toBe(1);
      await new Promise((r) => setTimeout(r, 800));
      expect(runs).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});
