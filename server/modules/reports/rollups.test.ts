import { Types } from 'mongoose';
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../test/support';
import { checkInvariants, repairInvariants } from '../../platform/invariants';
import { rebuildReportRollups } from '.';
import { buildResident, CENTER, reportBody, setupDistrict } from './fixtures';
import { Report } from './model';
import { resetReportRollupPasses } from './rollups/invariants';
import { ReportRollup } from './rollups/model';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
const START = TEST_CLOCK_START.getTime();
let clock = START + 3_600_000; // 11:00 in Shanghai
/** The Shanghai day of the clock (the reports' day). */
const DAY = new Date(START + 8 * 3_600_000).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
  d = await setupDistrict(ctx, 'r');
});
afterAll(async () => {
  await ctx.close();
});

/** Whole Shanghai days around the clock's day: read from the rollups. */
const WHOLE_MONTH = `from=${iso(START - 10 * 3_600_000 - 86_400_000)}&to=${iso(START - 10 * 3_600_000 + 29 * 86_400_000)}`;
/** 10:00–12:00 Shanghai on the clock's day: inside one day, so read from the reports, not the rollups. */
const PART_OF_DAY = `from=${iso(START)}&to=${iso(START + 2 * 3_600_000)}`;
const stats = async (q: string, by = 'category') =>
  (await ctx.http.get(`/api/admin/report-stats?${q}&by=${by}`).set('Authorization', d.admin.auth).expect(200)).body;
const rollupViolations = async () => (await checkInvariants('all', new Date(clock))).filter((v) => v.invariant === 'report-rollups');

describe('stats rollups', () => {
  it('when reports move through the workflow, the rollups follow them and agree with the reports themselves', async () => {
    const resident = await buildResident(ctx);
    const file = async () => (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter)).expect(201)).body.report.id as string;
    const done = await file();
    await file();
    const act = (id: string, action: string, body: Record<string, unknown> = {}) =>
      ctx.http.post(`/api/staff/reports/${id}/${action}`).set('Authorization', d.handler.auth).send(body).expect(200);
    await act(done, 'take');
    clock += 10 * 60_000;
    await act(done, 'arrive', { location: CENTER });
    await act(done, 'resolve', { note: '已清理' });
    await ctx.http.post(`/api/reports/${done}/confirm`).set('Authorization', resident.auth).send({ answer: 'fixed', rating: 5 }).expect(200);

    expect(await rollupViolations()).toEqual([]);
    const whole = await stats(WHOLE_MONTH);
    expect(whole.total).toMatchObject({ received: 2, closed: 1, fixed: 1, onTime: 1, avgAcceptMinutes: 0, avgArriveMinutes: 10, avgRating: 5 });
    // The same figures read from the reports (a range inside one day skips the rollups).
    expect((await stats(PART_OF_DAY)).total).toEqual(whole.total);
    expect((await stats(WHOLE_MONTH, 'day')).rows.map((r: { key: string }) => r.key)).toEqual([DAY]);
  });

  it('when a report is written without events, check:invariants names the day and the repair counts it', async () => {
    const before = (await stats(WHOLE_MONTH)).total.received as number;
    const one = await Report.findOne({ status: 'dispatched' }).lean();
    await Report.collection.insertOne({ ...one!, _id: new Types.ObjectId() });
    const found = await rollupViolations();
    expect(found.map((v) => v.subject)).toEqual([`report-rollups:${DAY}`]);
    // Whole days come from the rollups, which do not know it yet; the reports do.
    expect((await stats(WHOLE_MONTH)).total.received).toBe(before);
    expect((await stats(PART_OF_DAY)).total.received).toBe(before + 1);

    expect(await repairInvariants(ctx.deps, { graceMs: 0, now: new Date(clock) })).toBeGreaterThanOrEqual(1);
    expect(await rollupViolations()).toEqual([]);
    expect((await stats(WHOLE_MONTH)).total.received).toBe(before + 1);
  });

  it('when the rollups are lost, the repair at start rebuilds them, and a full rebuild gives the same figures', async () => {
    const before = await stats(WHOLE_MONTH, 'department');
    await ReportRollup.deleteMany({});
    expect((await rollupViolations()).length).toBe(1);
    await repairInvariants(ctx.deps, { graceMs: 0, now: new Date(clock) });
    expect(await stats(WHOLE_MONTH, 'department')).toEqual(before);
    await rebuildReportRollups();
    expect(await stats(WHOLE_MONTH, 'department')).toEqual(before);
    expect(await rollupViolations()).toEqual([]);
  });

  it('when the 10 s pass runs between full passes, it reads only the reports that moved since the last pass and the days wrong last time', async () => {
    const live = async () => (await checkInvariants('live', new Date(clock))).filter((v) => v.invariant === 'report-rollups').map((v) => v.subject);
    resetReportRollupPasses();
    expect(await live()).toEqual([]); // a process's first pass: today and yesterday in full
    // A day document changed behind the subscriber's back: no report moved, so the 10 s pass does not read the day…
    await ReportRollup.updateOne({ slot: `total|${DAY}`, key: '' }, { $inc: { received: 5 } });
    expect(await live()).toEqual([]);
    // …the full pass does, and from then on the day is looked at again until it is repaired.
    expect((await rollupViolations()).map((v) => v.subject)).toEqual([`report-rollups:${DAY}`]);
    expect(await live()).toEqual([`report-rollups:${DAY}`]);
    expect(await repairInvariants(ctx.deps, { graceMs: 0, now: new Date(clock) })).toBeGreaterThanOrEqual(1);
    expect(await live()).toEqual([]);
    // A report inserted without events since the last pass is read by the next 10 s pass.
    const one = await Report.findOne({ status: 'dispatched' }).lean();
    await Report.collection.insertOne({ ...one!, _id: new Types.ObjectId() });
    expect(await live()).toEqual([`report-rollups:${DAY}`]);
    await repairInvariants(ctx.deps, { graceMs: 0, now: new Date(clock) });
    expect(await rollupViolations()).toEqual([]);
  });
});
