import { buildDistrictAdmin, createTestContext, type TestContext } from '../../../../test/support';
import { AuditEntry } from '../../audit/model';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';

jest.setTimeout(60_000);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const QUEUE = '/api/admin/review?kind=signup-note&pageSize=100';
const decide = (id: string) => `/api/admin/review/signup-note/${id}/decision`;

async function heldSignup(note: string) {
  const team = await buildCertifiedTeam(ctx);
  const act = await buildActivity(ctx, team);
  const v = await buildVolunteer(ctx);
  const r = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({ note });
  expect(r.status).toBe(201);
  return { team, act, v, signupId: r.body.signup.id as string };
}

const organiserNote = async (h: Awaited<ReturnType<typeof heldSignup>>) => {
  const list = await ctx.http.get(`/api/activities/${h.act.id}/signups`).set('Authorization', h.team.admin.auth);
  return list.body.items.find((i: { id: string }) => i.id === h.signupId).note as string;
};

describe('district moderation of held signup notes', () => {
  test('the queue: 401 → 400 → 403 → lists held notes oldest first, with activity, team and masked name, not clean ones', async () => {
    const held = await heldSignup('我有急救证，待审词');
    const clean = await heldSignup('我有急救证');
    const district = await buildDistrictAdmin(ctx);
    expect((await ctx.http.get(QUEUE)).status).toBe(401);
    const bad = await ctx.http.get('/api/admin/review?kind=signup-note&pageSize=0').set('Authorization', district.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('pageSize');
    expect((await ctx.http.get(QUEUE).set('Authorization', held.team.admin.auth)).status).toBe(403);

    const queue = await ctx.http.get(QUEUE).set('Authorization', district.auth);
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(held.signupId);
    expect(ids).not.toContain(clean.signupId);
    const item = queue.body.items.find((i: { id: string }) => i.id === held.signupId);
    expect(item).toMatchObject({ kind: 'signup-note', title: '社区清洁日', text: '我有急救证，待审词' });
    expect(item.context).toContainEqual({ label: '活动编号', value: held.act.id });
    expect(item.context.find((c: { label: string }) => c.label === '团队').value).not.toBe('');
    expect(item.author.nameMasked).toMatch(/\*/);
    const times = queue.body.items.map((i: { heldAt: string }) => Date.parse(i.heldAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('when approved, the organisers see the note and it leaves the queue; a second decision is a 409 (audited)', async () => {
    const h = await heldSignup('周六上午可以早到，待审词');
    const district = await buildDistrictAdmin(ctx);
    expect(await organiserNote(h)).toBe('');
    expect((await ctx.http.post(decide(h.signupId)).send({ decision: 'approve' })).status).toBe(401);
    const bad = await ctx.http.post(decide(h.signupId)).set('Authorization', district.auth).send({ decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'decision', message: '请选择通过或驳回' });
    expect(
      (await ctx.http.post(decide(h.signupId)).set('Authorization', h.team.admin.auth).send({ decision: 'approve' }))
        .status,
    ).toBe(403);

    const ok = await ctx.http
      .post(decide(h.signupId))
      .set('Authorization', district.auth)
      .send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'approved', result: { note: '周六上午可以早到，待审词', status: 'confirmed' } });
    expect(await organiserNote(h)).toBe('周六上午可以早到，待审词');
    const mine = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', h.v.auth);
    expect(mine.body.items.find((x: { id: string }) => x.id === h.signupId)).toMatchObject({ noteUnderReview: false });
    const queue = await ctx.http.get(QUEUE).set('Authorization', district.auth);
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(h.signupId);
    const again = await ctx.http
      .post(decide(h.signupId))
      .set('Authorization', district.auth)
      .send({ decision: 'approve' });
    expect(again.status).toBe(409);
    expect(
      await AuditEntry.countDocuments({
        action: 'volunteering.signup.note_approved',
        'target.id': h.signupId,
        'actor.id': district.user.id,
      }),
    ).toBe(1);
  });

  test('when rejected, a reason is required, the note is erased, the signup stands and the volunteer is told why', async () => {
    const h = await heldSignup('加我微信聊，待审词');
    const district = await buildDistrictAdmin(ctx);
    const noReason = await ctx.http
      .post(decide(h.signupId))
      .set('Authorization', district.auth)
      .send({ decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写原因（至少 2 个字）' }]);

    const no = await ctx.http
      .post(decide(h.signupId))
      .set('Authorization', district.auth)
      .send({ decision: 'reject', reason: '含联系方式' });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ outcome: 'rejected', result: { note: '', status: 'confirmed' } });
    expect(await organiserNote(h)).toBe('');
    const mine = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', h.v.auth);
    expect(mine.body.items.find((s: { id: string }) => s.id === h.signupId)).toMatchObject({
      status: 'confirmed',
      note: '',
    });
    const inbox = await ctx.http.get('/api/me/notifications').set('Authorization', h.v.auth);
    const told = inbox.body.items.find((n: { title: string }) => n.title === '报名备注未通过审核');
    expect(told.body).toContain('含联系方式');
    expect(
      await AuditEntry.countDocuments({ action: 'volunteering.signup.note_rejected', 'target.id': h.signupId }),
    ).toBe(1);
  });

  test('when the signup has no held note or does not exist, deciding is a 409 or a 404, and nothing changes', async () => {
    const clean = await heldSignup('可以带工具');
    const district = await buildDistrictAdmin(ctx);
    const none = await ctx.http
      .post(decide(clean.signupId))
      .set('Authorization', district.auth)
      .send({ decision: 'reject', reason: '测试驳回' });
    expect(none.status).toBe(409);
    expect(await organiserNote(clean)).toBe('可以带工具');
    const missing = await ctx.http
      .post(decide('0123456789abcdef01234567'))
      .set('Authorization', district.auth)
      .send({ decision: 'approve' });
    expect(missing.status).toBe(404);
    const badId = await ctx.http.post(decide('nope')).set('Authorization', district.auth).send({ decision: 'approve' });
    expect(badId.status).toBe(400);
  });
});
