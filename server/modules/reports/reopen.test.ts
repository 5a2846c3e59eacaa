import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import { createTestContext, TEST_CLOCK_START, type TestContext } from '../../../test/support';
import { AuditEntry } from '../audit/model';
import { OutboxEvent } from '../../platform/outbox/model';
import { closeUnansweredReports } from './commands/confirm';
import { buildResident, reportBody, setupDistrict } from './fixtures';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
let clock = TEST_CLOCK_START.getTime();
const DAY = 86_400_000;
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
  d = await setupDistrict(ctx, 'o');
});
afterAll(async () => {
  await ctx.close();
});

const act = (auth: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  ctx.http.post(`/api/staff/reports/${id}/${action}`).set('Authorization', auth).send(body).expect(200);
const reopen = (id: string, auth?: string, body: Record<string, unknown> = { reason: '垃圾又堆起来了' }) => {
  const req = ctx.http.post(`/api/reports/${id}/reopen`);
  return (auth ? req.set('Authorization', auth) : req).send(body);
};
/** A routed report taken to "resolved" and answered by its reporter. */
async function closed(answer: 'fixed' | 'partly', over: Record<string, unknown> = {}) {
  const resident = await buildResident(ctx);
  const id = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, over)).expect(201)).body.report.id as string;
  await act(d.handler.auth, id, 'take');
  await act(d.handler.auth, id, 'resolve', { note: '已处理' });
  await ctx.http.post(`/api/reports/${id}/confirm`).set('Authorization', resident.auth).send({ answer, rating: 3 }).expect(200);
  return { resident, id };
}

describe('the reporter reopens a closed report', () => {
  it('401 → 400 → 403 → 200: with a reason it goes back to the same handler, with its event and audit entry', async () => {
    const { resident, id } = await closed('fixed');
    const before = (await ctx.http.get(`/api/reports/${id}`).set('Authorization', resident.auth)).body;
    expect(before.abilities.reporter_reopen).toBe(true);
    expect((await reopen(id)).status).toBe(401);
    const bad = await reopen(id, resident.auth, { reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('reason');
    const other = await buildResident(ctx);
    expect((await reopen(id, other.auth)).status).toBe(403);
    expect((await reopen(id, d.dispatcher.auth)).status).toBe(403);

    const ok = await reopen(id, resident.auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      outcome: 'redispatched',
      report: { status: 'dispatched', handler: { id: d.handler.user.id }, confirmation: null, closedAt: null, abilities: { reporter_reopen: false } },
    });
    expect(ok.body.report.history.slice(-2).map((h: { action: string; note: string }) => [h.action, h.note])).toEqual([
      ['reporter_reopen', '垃圾又堆起来了'],
      ['dispatch', '居民申请重新处理，自动重新派遣'],
    ]);
    expect(await OutboxEvent.exists({ type: 'report.status_changed', 'payload.reportId': id, 'payload.action': 'reporter_reopen' })).not.toBeNull();
    expect(await AuditEntry.countDocuments({ action: 'report.reporter_reopen', 'target.id': id, 'actor.userId': resident.user.id })).toBe(1);
    // A new resolve cycle: the timer runs from the reopening.
    expect(Date.parse(ok.body.report.sla.resolveDueAt)).toBeGreaterThan(clock);
    // Open again: nothing to reopen.
    expect((await reopen(id, resident.auth)).status).toBe(409);
  });

  it('when the report was closed not fixed (answered partly) or fixed by default, the reporter may reopen it too', async () => {
    const partly = await closed('partly');
    expect((await reopen(partly.id, partly.resident.auth)).body.outcome).toBe('redispatched');

    const resident = await buildResident(ctx);
    const id = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter)).expect(201)).body.report.id as string;
    await act(d.handler.auth, id, 'take');
    await act(d.handler.auth, id, 'resolve', { note: '已处理' });
    clock += (REPORT_LIMITS.confirmDays + 1) * DAY;
    await closeUnansweredReports(ctx.deps);
    const res = await reopen(id, resident.auth);
    expect(res.body.report).toMatchObject({ status: 'dispatched', fixedByDefault: false });
  });

  it('when the report is not closed, was closed too long ago, or was reopened too often, it is a 409 with the reason', async () => {
    const resident = await buildResident(ctx);
    const open = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter)).expect(201)).body.report.id as string;
    expect((await reopen(open, resident.auth)).body.error.code).toBe('report_state_invalid');
    await act(d.handler.auth, open, 'take');
    await act(d.handler.auth, open, 'resolve', { note: '已处理' });
    expect((await reopen(open, resident.auth)).status).toBe(409); // resolved: answer with confirm

    const late = await closed('fixed');
    clock += REPORT_LIMITS.reopenDays * DAY + 60_000;
    const tooLate = await reopen(late.id, late.resident.auth);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.message).toContain(`${REPORT_LIMITS.reopenDays} 天`);
    expect((await ctx.http.get(`/api/reports/${late.id}`).set('Authorization', late.resident.auth)).body.abilities.reporter_reopen).toBe(false);

    const often = await closed('fixed');
    for (let i = 0; i < REPORT_LIMITS.reporterReopensMax; i++) {
      expect((await reopen(often.id, often.resident.auth)).status).toBe(200);
      await act(d.handler.auth, often.id, 'take');
      await act(d.handler.auth, often.id, 'resolve', { note: '再次处理' });
      await ctx.http.post(`/api/reports/${often.id}/confirm`).set('Authorization', often.resident.auth).send({ answer: 'fixed' }).expect(200);
    }
    const tooMany = await reopen(often.id, often.resident.auth);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.message).toContain('联系调度员');
  });
});
