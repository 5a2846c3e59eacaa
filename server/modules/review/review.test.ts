import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../test/support';
import { AuditEntry } from '../audit/model';
import { buildActivity, buildCertifiedTeam, buildVolunteer } from '../volunteering/teams/api-testing';
import { heldContentKind, holdForReview, registerReviewKind, releaseHold } from '.';

jest.setTimeout(120_000);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const QUEUE = '/api/admin/review';
const decide = (kind: string, id: string) => `/api/admin/review/${kind}/${id}/decision`;
type Item = { kind: string; id: string; version: string; text: string; heldAt: string; abilities: Record<string, boolean> };
const queue = async (auth: string, kind?: string) =>
  ctx.http.get(QUEUE).query({ pageSize: 100, ...(kind ? { kind } : {}) }).set('Authorization', auth);
const inbox = async (auth: string) =>
  (await ctx.http.get('/api/me/notifications').set('Authorization', auth)).body.items as { title: string; body: string }[];

/** A module's own content held outside its documents: what the hardening and later domains use. */
const applied: { ref: string; decision: string }[] = [];
let author: Awaited<ReturnType<typeof buildResident>>;
registerReviewKind(
  heldContentKind({
    name: 'test-notice',
    label: '测试公告',
    approvedHint: '已通过，公告已发布',
    targetType: 'notice',
    apply: async (_deps, _actor, hold, d) => {
      applied.push({ ref: hold.ref, decision: d.decision });
      return {
        result: { published: d.decision === 'approve' },
        tell: d.decision === 'reject' ? { users: [String(hold.author)], title: '公告未通过审核', body: `原因：${d.reason}`, link: '/pages/index/index' } : undefined,
      };
    },
  }),
);

describe('the one 内容审核 queue', () => {
  test('lists every kind in one shape, oldest first, with counts per kind; a kind filter narrows it; an unknown kind is a 400', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx);
    const note = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({ note: '我会急救，待审词' });
    await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '周末有空，待审词' });
    const r = await buildResident(ctx);
    const join = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', r.auth).send({ message: '想加入，待审词' });
    await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', team.admin.auth).send({ title: '新标题待审词' });

    expect((await ctx.http.get(QUEUE)).status).toBe(401);
    expect((await queue(team.admin.auth)).status).toBe(403);
    const all = await queue(team.district.auth);
    expect(all.status).toBe(200);
    const kinds = all.body.kinds.map((k: { kind: string }) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['activity', 'volunteer-intro', 'signup-note', 'join-message', 'test-notice']));
    const pairs = all.body.items.map((i: Item) => `${i.kind}:${i.id}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        `activity:${act.id}`,
        `volunteer-intro:${v.user.id}`,
        `signup-note:${note.body.signup.id}`,
        `join-message:${join.body.membership.id}`,
      ]),
    );
    const times = all.body.items.map((i: Item) => Date.parse(i.heldAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.body.total).toBe(all.body.kinds.reduce((n: number, k: { total: number }) => n + k.total, 0));
    expect(all.body.items.every((i: Item) => i.abilities.approve && i.abilities.reject)).toBe(true);

    const notes = await queue(team.district.auth, 'signup-note');
    expect(notes.body.items.every((i: Item) => i.kind === 'signup-note')).toBe(true);
    const unknown = await queue(team.district.auth, 'no-such-kind');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'kind', message: '没有这一类待审核内容' }]);
    const decideUnknown = await ctx.http.post(decide('no-such-kind', act.id)).set('Authorization', team.district.auth).send({ decision: 'approve' });
    expect(decideUnknown.status).toBe(404);
  });

  test('a held join message: approve shows it to the team admins; reject drops it, the request stands, the applicant is told (audited)', async () => {
    const team = await buildCertifiedTeam(ctx);
    const [a, b] = [await buildResident(ctx), await buildResident(ctx)];
    const ja = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', a.auth).send({ message: '想加入，待审词' });
    const jb = await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', b.auth).send({ message: '加我微信，待审词' });
    const items = (await queue(team.district.auth, 'join-message')).body.items as Item[];
    expect(items.find((i) => i.id === ja.body.membership.id)).toMatchObject({ text: '想加入，待审词' });

    const ok = await ctx.http.post(decide('join-message', ja.body.membership.id)).set('Authorization', team.district.auth).send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'approved', result: { message: '想加入，待审词', status: 'pending' } });
    const pending = await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', team.admin.auth);
    expect(pending.body.items.find((m: { id: string }) => m.id === ja.body.membership.id)).toMatchObject({ message: '想加入，待审词', messageHeld: false });

    const no = await ctx.http
      .post(decide('join-message', jb.body.membership.id))
      .set('Authorization', team.district.auth)
      .send({ decision: 'reject', reason: '含联系方式' });
    expect(no.body).toMatchObject({ outcome: 'rejected', result: { message: '', status: 'pending' } });
    expect((await inbox(b.auth)).find((n) => n.title === '入队申请留言未通过审核')?.body).toContain('含联系方式');
    expect(await AuditEntry.countDocuments({ action: 'volunteering.team.join_message_rejected', 'target.id': jb.body.membership.id })).toBe(1);
    const again = await ctx.http.post(decide('join-message', jb.body.membership.id)).set('Authorization', team.district.auth).send({ decision: 'approve' });
    expect(again.status).toBe(409);
  });

  test('a decision on a version the moderator did not see is a 409 and changes nothing; the current version decides', async () => {
    const v = await buildVolunteer(ctx, { intro: '原来的简介' });
    const district = await buildDistrictAdmin(ctx);
    await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '第一版，待审词' });
    const seen = ((await queue(district.auth, 'volunteer-intro')).body.items as Item[]).find((i) => i.id === v.user.id)!;
    await new Promise((r) => setTimeout(r, 5));
    await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '第二版，待审词' });
    const stale = await ctx.http.post(decide('volunteer-intro', v.user.id)).set('Authorization', district.auth).send({ decision: 'approve', version: seen.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', message: '内容已更新，请刷新后重新审核' });
    expect((await ctx.http.get('/api/volunteers/me').set('Authorization', v.auth)).body.volunteer.intro).toBe('原来的简介');
    const now = ((await queue(district.auth, 'volunteer-intro')).body.items as Item[]).find((i) => i.id === v.user.id)!;
    expect(now.text).toBe('第二版，待审词');
    const ok = await ctx.http.post(decide('volunteer-intro', v.user.id)).set('Authorization', district.auth).send({ decision: 'approve', version: now.version });
    expect(ok.status).toBe(200);
    expect(ok.body.result.intro).toBe('第二版，待审词');
  });

  test('holdForReview: a module holds its own content; the queue lists it, decides it once, audits, tells the author; a newer hold replaces the old', async () => {
    author = await buildResident(ctx);
    const district = await buildDistrictAdmin(ctx);
    const ref = String(new Types.ObjectId());
    const first = await holdForReview(ctx.deps, { kind: 'test-notice', ref, title: '停水通知', text: '明天停水', author: { userId: author.user.id, nameMasked: '王*' } });
    const second = await holdForReview(ctx.deps, { kind: 'test-notice', ref, title: '停水通知', text: '明天上午停水', author: { userId: author.user.id, nameMasked: '王*' } });
    expect(second).toBe(first);
    const items = (await queue(district.auth, 'test-notice')).body.items as Item[];
    const item = items.find((i) => i.id === first)!;
    expect(item).toMatchObject({ kindLabel: '测试公告', text: '明天上午停水', author: { nameMasked: '王*' } });

    const bad = await ctx.http.post(decide('test-notice', first)).set('Authorization', district.auth).send({ decision: 'reject' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写原因（至少 2 个字）' }]);
    const no = await ctx.http.post(decide('test-notice', first)).set('Authorization', district.auth).send({ decision: 'reject', reason: '内容不实', version: item.version });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ kind: 'test-notice', outcome: 'rejected', result: { published: false } });
    expect(applied).toEqual([{ ref, decision: 'reject' }]);
    expect((await inbox(author.auth)).map((n) => n.title)).toContain('公告未通过审核');
    expect(await AuditEntry.countDocuments({ action: 'test-notice.rejected', 'target.id': ref, 'actor.id': district.user.id })).toBe(1);
    const again = await ctx.http.post(decide('test-notice', first)).set('Authorization', district.auth).send({ decision: 'approve' });
    expect(again.status).toBe(409);
    expect(applied).toHaveLength(1);
    const missing = await ctx.http.post(decide('test-notice', String(new Types.ObjectId()))).set('Authorization', district.auth).send({ decision: 'approve' });
    expect(missing.status).toBe(404);

    const other = String(new Types.ObjectId());
    await holdForReview(ctx.deps, { kind: 'test-notice', ref: other, title: 't', text: 'x' });
    expect(await releaseHold('test-notice', other)).toBe(true);
    expect(((await queue(district.auth, 'test-notice')).body.items as Item[]).map((i) => i.id)).toHaveLength(0);
  });
});
