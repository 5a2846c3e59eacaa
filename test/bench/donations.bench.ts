/**
 * Donations (issue 13), through the real app over HTTP on the real engine, each as a ratio to
 * bare Koa measured in the same run:
 * 1. WeChat Pay notification handling: POST /api/payments/wechat/notify with valid notifications
 *    signed and encrypted by the sandbox (signature check, AES-256-GCM, order match, paid + ledger
 *    in one unit of work), one per pending order, vs a bare JSON POST of the same body;
 * 2. the same notifications delivered again (duplicates: verified, answered, nothing written);
 * 3. the public project page and its ledger (GET, from a worker thread) vs a bare GET.
 * Afterwards every order is paid once and the donation invariants hold (checked, in `pass`).
 * Small sizes by default (DONATIONS_BENCH_NOTIFY, DONATIONS_BENCH_OPS): the machine is shared.
 */
import http from 'node:http';
import { Types } from 'mongoose';
import { buildDistrictAdmin, createTestContext } from '../support';
import { checkInvariants } from '../../server/platform/invariants';
import { DonationOrder, LedgerEntry, Project } from '../../server/modules/donations/model';
import { newOutTradeNo } from '../../server/modules/donations/serial';
import { createCharity, publishedProject } from '../../server/modules/donations/test-support';
import { httpLoad } from './http-load';
import { machineInfo, ratio, runOps, startBareKoa } from './lib';

const NOTIFY = Number(process.env.DONATIONS_BENCH_NOTIFY ?? 200);
const OPS = Number(process.env.DONATIONS_BENCH_OPS ?? 1_000);
const CONCURRENCY = Number(process.env.DONATIONS_BENCH_CONCURRENCY ?? 20);
const TARGETS = { notifyRatio: 0.05, duplicateRatio: 0.1, projectPageRatio: 0.2, ledgerRatio: 0.2, errors: 0 };

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export default async function run(): Promise<Record<string, unknown>> {
  const ctx = await createTestContext();
  ctx.deps.config.PUBLIC_BASE_URL = ctx.url;
  const bare = await startBareKoa();
  try {
    const admin = await buildDistrictAdmin(ctx);
    const charity = await createCharity(ctx, admin.auth);
    const project = await publishedProject(ctx, admin.auth, charity.id);
    // Pending orders as createOrder leaves them (the prepay call to WeChat is not what is measured).
    const now = new Date();
    const orders = Array.from({ length: NOTIFY }, (_, i) => ({
      _id: new Types.ObjectId(),
      outTradeNo: newOutTradeNo(now),
      project: new Types.ObjectId(project.id),
      charity: new Types.ObjectId(charity.id),
      mchId: ctx.sandbox.pay.mchId,
      appId: ctx.sandbox.appId,
      donor: new Types.ObjectId(),
      donorMasked: '王*明',
      amountFen: 100 + i,
      anonymous: false,
      channel: 'native',
      status: 'pending',
      createdAt: now,
    }));
    await DonationOrder.insertMany(orders);
    // Signed and encrypted before the clock starts: the sandbox's signing is WeChat's cost, not ours.
    const notes = orders.map((o, i) =>
      ctx.sandbox.pay.notification('TRANSACTION.SUCCESS', 'transaction', {
        appid: ctx.sandbox.appId,
        mchid: ctx.sandbox.pay.mchId,
        out_trade_no: o.outTradeNo,
        transaction_id: `4200BENCH${String(i).padStart(8, '0')}${now.getTime()}`.slice(0, 28),
        trade_type: 'NATIVE',
        trade_state: 'SUCCESS',
        success_time: now.toISOString(),
        amount: { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' },
      }),
    );
    const notifyUrl = `${ctx.url}/api/payments/wechat/notify`;
    const statuses: Record<string, number> = {};
    const count = (s: number) => void (statuses[s] = (statuses[s] ?? 0) + 1);

    await runOps(Math.min(50, NOTIFY), CONCURRENCY, (i) => post(`${bare.url}/echo`, notes[i].body, notes[i].headers));
    const barePost = await runOps(NOTIFY, CONCURRENCY, (i) => post(`${bare.url}/echo`, notes[i].body, notes[i].headers));
    const notify = await runOps(NOTIFY, CONCURRENCY, async (i) => count(await post(notifyUrl, notes[i].body, notes[i].headers)));
    const duplicate = await runOps(NOTIFY, CONCURRENCY, async (i) => count(await post(notifyUrl, notes[i].body, notes[i].headers)));

    const paid = await DonationOrder.countDocuments({ project: project.id, status: 'paid' });
    const entries = await LedgerEntry.countDocuments({ project: project.id, kind: 'donation' });
    const totals = (await Project.findById(project.id).lean())!;
    const violations = await checkInvariants('all');

    const warmup = Math.min(200, OPS);
    const bareGet = await httpLoad({ url: `${bare.url}/ping`, ops: OPS, concurrency: CONCURRENCY, warmup });
    const page = await httpLoad({ url: `${ctx.url}/api/charity/projects/${project.id}`, ops: OPS, concurrency: CONCURRENCY, warmup });
    const ledger = await httpLoad({ url: `${ctx.url}/api/charity/projects/${project.id}/ledger`, ops: OPS, concurrency: CONCURRENCY, warmup });

    const r = {
      notifyRatio: ratio(notify.opsPerSec, barePost.opsPerSec),
      duplicateRatio: ratio(duplicate.opsPerSec, barePost.opsPerSec),
      projectPageRatio: ratio(page.opsPerSec, bareGet.opsPerSec),
      ledgerRatio: ratio(ledger.opsPerSec, bareGet.opsPerSec),
    };
    const errors = Object.entries(statuses).filter(([s]) => s !== '200').reduce((n, [, c]) => n + c, 0) + page.errors + ledger.errors;
    return {
      params: { notifications: NOTIFY, getOps: OPS, concurrency: CONCURRENCY, engine: ctx.deps.db.kind },
      note: 'Small sizes on a shared 2-core machine under load from other engineers (loadavg below): the ratios to bare Koa in the same run are what counts, not absolute req/s.',
      loadavgAtEnd: machineInfo().loadavg,
      bareKoa: { post: barePost, get: { opsPerSec: bareGet.opsPerSec, p99Ms: bareGet.p99Ms } },
      notify: { first: notify, duplicate, statuses, paidOrders: paid, donationEntries: entries, raisedFen: totals.raisedFen, invariantViolations: violations.length },
      projectPage: { opsPerSec: page.opsPerSec, p50Ms: page.p50Ms, p99Ms: page.p99Ms, errors: page.errors },
      ledgerPage: { opsPerSec: ledger.opsPerSec, p50Ms: ledger.p50Ms, p99Ms: ledger.p99Ms, errors: ledger.errors },
      ratios: r,
      targets: TARGETS,
      pass: {
        notifyRatio: r.notifyRatio >= TARGETS.notifyRatio,
        duplicateRatio: r.duplicateRatio >= TARGETS.duplicateRatio,
        projectPageRatio: r.projectPageRatio >= TARGETS.projectPageRatio,
        ledgerRatio: r.ledgerRatio >= TARGETS.ledgerRatio,
        noErrors: errors === TARGETS.errors,
        paidExactlyOnce: paid === NOTIFY && entries === NOTIFY && totals.raisedFen === orders.reduce((n, o) => n + o.amountFen, 0),
        invariantsHold: violations.length === 0,
      },
    };
  } finally {
    agent.destroy();
    await bare.close();
    await ctx.close();
  }
}
