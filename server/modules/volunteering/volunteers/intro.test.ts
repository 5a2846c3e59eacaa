import { buildDistrictAdmin, createTestContext, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { AuditEntry } from '../../audit/model';
import { buildVolunteer } from '../teams/api-testing';

jest.setTimeout(60_000);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const me = async (auth: string) => (await ctx.http.get('/api/volunteers/me').set('Authorization', auth)).body.volunteer;

describe('volunteer intro content check', () => {
  test('when the intro is risky, registering and editing are refused with 422 at the intro field', async () => {
    const r = await buildVerifiedResident(ctx);
    const reg = await ctx.http.post('/api/volunteers').set('Authorization', r.auth).send({ intro: '欢迎访问赌博网站' });
    expect(reg.status).toBe(422);
    expect(reg.body.error).toMatchObject({ code: 'content_risky', fields: [{ path: 'intro', message: '该内容包含违规信息' }] });
    const v = await buildVolunteer(ctx, { intro: '周末有空' });
    const edit = await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '违禁词' });
    expect(edit.status).toBe(422);
    expect((await me(v.auth)).intro).toBe('周末有空');
  });

  test('when the intro needs review, it is held: the public intro stays, the volunteer sees 审核中', async () => {
    const r = await buildVerifiedResident(ctx);
    const reg = await ctx.http.post('/api/volunteers').set('Authorization', r.auth).send({ intro: '我会手语，待审词' });
    expect(reg.status).toBe(201);
    expect(reg.body.volunteer).toMatchObject({ intro: '', introReview: { state: 'under_review', label: '审核中', heldIntro: '我会手语，待审词' } });

    const v = await buildVolunteer(ctx, { intro: '周末有空' });
    const edit = await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '周末有空，待审词', skills: ['急救'] });
    expect(edit.status).toBe(200);
    expect(edit.body.volunteer).toMatchObject({ intro: '周末有空', skills: ['急救'], introReview: { state: 'under_review' } });
    // A clean intro replaces the held one.
    const clean = await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '周末和晚上有空' });
    expect(clean.body.volunteer).toMatchObject({ intro: '周末和晚上有空', introReview: null });
  });

  test('district moderation of intros: 401 → 400 → 403 → approve publishes it, reject keeps the old one and tells why (audited)', async () => {
    const a = await buildVolunteer(ctx, { intro: '原来的简介' });
    const b = await buildVolunteer(ctx, { intro: '原来的简介' });
    for (const v of [a, b]) await ctx.http.patch('/api/volunteers/me').set('Authorization', v.auth).send({ intro: '新的简介待审词' });
    const district = await buildDistrictAdmin(ctx);

    const queuePath = '/api/admin/review?kind=volunteer-intro&pageSize=100';
    expect((await ctx.http.get(queuePath)).status).toBe(401);
    expect((await ctx.http.get(queuePath).set('Authorization', a.auth)).status).toBe(403);
    const queue = await ctx.http.get(queuePath).set('Authorization', district.auth);
    expect(queue.status).toBe(200);
    const mine = queue.body.items.filter((i: { id: string }) => [a.user.id, b.user.id].includes(i.id));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ kind: 'volunteer-intro', text: '新的简介待审词', previous: '原来的简介' });

    const path = (userId: string) => `/api/admin/review/volunteer-intro/${userId}/decision`;
    expect((await ctx.http.post(path(a.user.id)).send({ decision: 'approve' })).status).toBe(401);
    const bad = await ctx.http.post(path(a.user.id)).set('Authorization', district.auth).send({ decision: 'reject' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写原因（至少 2 个字）' }]);
    expect((await ctx.http.post(path(a.user.id)).set('Authorization', b.auth).send({ decision: 'approve' })).status).toBe(403);

    const ok = await ctx.http.post(path(a.user.id)).set('Authorization', district.auth).send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'approved', result: { intro: '新的简介待审词', introReview: null } });
    expect((await me(a.auth)).intro).toBe('新的简介待审词');
    const again = await ctx.http.post(path(a.user.id)).set('Authorization', district.auth).send({ decision: 'approve' });
    expect(again.status).toBe(409);

    const no = await ctx.http.post(path(b.user.id)).set('Authorization', district.auth).send({ decision: 'reject', reason: '含不当内容' });
    expect(no.body).toMatchObject({ outcome: 'rejected', result: { intro: '原来的简介', introReview: { state: 'rejected', reason: '含不当内容' } } });
    const inbox = await ctx.http.get('/api/me/notifications').set('Authorization', b.auth);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('个人简介未通过审核');
    expect(await AuditEntry.countDocuments({ action: 'volunteering.volunteer.intro_rejected', 'actor.id': district.user.id })).toBe(1);
  });
});
