/**
 * Crash test (issue 13): the API is SIGKILLed after it applied a WeChat Pay notification and
 * before it replied. WeChat (the sandbox, in this process, so it outlives the API) heard no reply
 * and retries; after the restart every donation is credited exactly once, the ledger equals the
 * orders and `check:invariants` reports nothing.
 *
 * The kill is placed, not timed: test/support/kill-before-reply.ts SIGKILLs the child as it is
 * about to send its third 2xx reply on the notify path, with the other notifications in flight.
 */
// The module list first, in the app's load order (see test/api/crash-consistency.test.ts).
import '../index';
import { randomBytes } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Types } from 'mongoose';
import { ensureIndexes, openDatabase } from '../../db';
import { Session } from '../auth/session-model';
import { hashToken } from '../auth/tokens';
import { currentPolicyVersion } from '../privacy/policy-text';
import { User } from '../users/model';
import { startWechatSandbox, type Sandbox } from '../../wechat-sandbox';
import { call, checkInvariantsOf, exited, freePort, ROOT, startApi, type ChildApi } from '../../../test/support/child-api';
import { NOTIFY_PATH } from './merchants';
import { Charity, DonationOrder, LedgerEntry, Project } from './model';
import { merchantSettings, testUscc } from './test-support';

jest.setTimeout(240_000);

const ORDERS = 8;
const KILL_AT_REPLY = 3;
const HOUR = 3600_000;

let dataDir: string;
let sandbox: Sandbox;
const children: ChildApi[] = [];
const agent = new http.Agent({ keepAlive: false, maxSockets: 16 });

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'linli-donations-crash-'));
  // Retries cover an API restart under load (about a minute in all).
  sandbox = await startWechatSandbox({ notifyRetryDelaysMs: [300, 600, 1000, 2000, 3000, 5000, 5000, 8000, 10_000, 10_000, 15_000] });
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  agent.destroy();
  await sandbox.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A resident with a session, a charity whose merchant is the sandbox, and a published project. */
async function seed(): Promise<{ auth: string; projectId: string }> {
  const db = await openDatabase({ dbPath: dataDir, dbName: 'linli' });
  try {
    await ensureIndexes();
    const now = new Date();
    const version = currentPolicyVersion();
    const token = randomBytes(24).toString('base64url');
    const user = await User.create({ kind: 'resident', openid: `o_crash_${token.slice(0, 8)}`, displayName: '王小捐', roles: [], status: 'active', consent: { version, at: now, history: [{ version, at: now }] } });
    await Session.create({ tokenHash: hashToken(token), userId: user._id, expiresAt: new Date(now.getTime() + 24 * HOUR), lastSeenAt: now });
    const keys = path.join(dataDir, 'merchant');
    mkdirSync(keys);
    const charity = await Charity.create({ name: '崩溃测试慈善会', uscc: testUscc(), filingNumber: '琼民公募备〔2026〕测试001号', merchant: merchantSettings({ sandbox }, {}, keys), createdAt: now, version: 1 });
    const project = await Project.create({ charity: charity._id, title: '崩溃测试项目', story: '测试', goalFen: 1_000_000, startAt: new Date(now.getTime() - HOUR), endAt: new Date(now.getTime() + 30 * 24 * HOUR), status: 'published', publishedAt: now, createdBy: new Types.ObjectId(), createdAt: now });
    return { auth: `Bearer ${token}`, projectId: String(project._id) };
  } finally {
    await db.close();
  }
}

const apiEnv = (port: number) => ({
  WECHAT_SANDBOX: 'false',
  WECHAT_API_BASE: sandbox.url,
  WECHAT_PAY_BASE: sandbox.url,
  WECHAT_APP_ID: sandbox.appId,
  WECHAT_APP_SECRET: sandbox.appSecret,
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
});

async function until(probe: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('when the API is killed after applying a payment notification and before replying, the retried notification credits each donation exactly once and every invariant holds', async () => {
  if (process.env.MONGODB_URI) return; // the child owns an embedded data dir
  const s = await seed();
  const port = await freePort();
  const preload = path.join(ROOT, 'test', 'support', 'kill-before-reply.ts');
  const api = await startApi(dataDir, port, { env: { ...apiEnv(port), KILL_BEFORE_REPLY_PATH: NOTIFY_PATH, KILL_BEFORE_REPLY_NTH: String(KILL_AT_REPLY) }, preload: [preload] });
  children.push(api);

  // Orders through the API (Native: the sandbox returns a code_url), 1.00 元, 2.00 元, …
  const amounts = Array.from({ length: ORDERS }, (_, i) => (i + 1) * 100);
  const orders: { id: string; outTradeNo: string; amountFen: number }[] = [];
  for (const amountFen of amounts) {
    const r = await call(agent, `${api.url}/api/charity/projects/${s.projectId}/donations`, 'POST', s.auth, { amountFen, channel: 'native' });
    expect(r.status).toBe(201);
    orders.push({ id: r.json.donation.id, outTradeNo: r.json.donation.outTradeNo, amountFen });
  }

  // Every payer pays at once; the API dies as it is about to acknowledge the third notification.
  for (const o of orders) expect(sandbox.pay.succeed(o.outTradeNo).ok).toBe(true);
  await exited(api.child);
  expect(api.child.signalCode).toBe('SIGKILL');
  const acknowledgedBeforeKill = sandbox.pay.notifications().filter((d) => d.delivered).length;
  expect(acknowledgedBeforeKill).toBe(KILL_AT_REPLY - 1);

  // What the kill left: at least the third payment is committed although WeChat heard nothing.
  let db = await openDatabase({ dbPath: dataDir, dbName: 'linli' });
  const paidAtKill = await DonationOrder.countDocuments({ status: 'paid' });
  await db.close();
  expect(paidAtKill).toBeGreaterThan(acknowledgedBeforeKill);

  // Restart (no fault injector); WeChat's retries reach it and are all acknowledged.
  const again = await startApi(dataDir, port, { env: apiEnv(port) });
  children.push(again);
  try {
    await until(() => sandbox.pay.notifications().every((d) => d.delivered), 120_000, 'every notification acknowledged');
    const page = await call(agent, `${again.url}/api/charity/projects/${s.projectId}`, 'GET', '');
    expect(page.status).toBe(200);
    expect(page.json.totals.raisedFen).toBe(amounts.reduce((a, b) => a + b, 0));
    const ledger = await call(agent, `${again.url}/api/charity/projects/${s.projectId}/ledger?kind=donation&pageSize=50`, 'GET', '');
    expect(ledger.json.items.map((e: { amountFen: number }) => e.amountFen).sort((a: number, b: number) => a - b)).toEqual(amounts);
    await new Promise((r) => setTimeout(r, 1500)); // the outbox delivers the paid events' notices
  } finally {
    again.child.kill('SIGTERM');
    await exited(again.child);
  }
  const redelivered = sandbox.pay.notifications().filter((d) => d.attempts.length > 1).length;
  expect(redelivered).toBeGreaterThanOrEqual(ORDERS - acknowledgedBeforeKill);

  const check = checkInvariantsOf(dataDir);
  expect(check.stdout).toContain('every invariant holds');
  expect(check.status).toBe(0);

  db = await openDatabase({ dbPath: dataDir, dbName: 'linli' });
  try {
    const rows = await DonationOrder.find({}).lean();
    expect(rows.map((o) => o.status)).toEqual(rows.map(() => 'paid'));
    const entries = await LedgerEntry.find({ kind: 'donation' }).lean();
    expect(entries).toHaveLength(ORDERS);
    expect(new Set(entries.map((e) => e.key)).size).toBe(ORDERS);
    const project = await Project.findById(s.projectId).lean();
    expect(project).toMatchObject({ raisedFen: amounts.reduce((a, b) => a + b, 0), donationCount: ORDERS, donorCount: 1 });
  } finally {
    await db.close();
  }
  process.stdout.write(`donations crash test: ${paidAtKill} paid at the kill, ${acknowledgedBeforeKill} acknowledged; ${redelivered} notifications redelivered\n`);
});
