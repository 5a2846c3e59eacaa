import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { AuditEntry } from '../../audit/model';
import { buildActivityWithShift, buildTeamWithAdmin } from '../attendance/fixtures';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
const need = (over: Record<string, unknown> = {}) => ({
  category: 'elderly_care',
  description: '独居老人需要每周买菜帮助',
  address: '幸福小区 3 号楼',
  location: { lng: 121.47, lat: 31.23 },
  neededAt: tomorrow(),
  ...over,
});

describe('help requests', () => {
  it('401 → 400 → 201 pending review, hidden from the public until approved', async () => {
    expect((await ctx.http.post('/api/help-requests').send(need())).status).toBe(401);
    const resident = await buildResident(ctx);
    const bad = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ category: 'x', description: '短', neededAt: 'soon' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'category', message: '求助类别无效' },
        { path: 'description', message: '描述至少 5 个字' },
        { path: 'neededAt', message: '时间格式不正确' },
      ]),
    );
    const past = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ neededAt: '2020-01-01T00:00:00Z' }));
    expect(past.body.error.fields).toEqual([{ path: 'neededAt', message: '需要帮助的时间不能早于现在' }]);
    const huge = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ description: '长'.repeat(1001) }));
    expect(huge.body.error.fields).toEqual([{ path: 'description', message: '描述不能超过 1000 个字' }]);

    const emoji = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ description: '🙏🙏🙏🙏🙏！！' }));
    expect(emoji.status).toBe(400);
    expect(emoji.body.error.fields).toEqual([{ path: 'description', message: '描述须包含文字，不能只有表情或符号' }]);
    const ok = await ctx.http.post('/api/help-requests').set('Authorization', resident.auth).send(need());
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      outcome: 'submitted',
      request: { status: 'pending_review', contentFlag: 'pass', categoryLabel: '助老' },
    });
    const id = ok.body.request.id as string;
    const list = await ctx.http.get('/api/help-requests');
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await ctx.http.get(`/api/help-requests/${id}`)).status).toBe(404);
    expect((await ctx.http.get(`/api/help-requests/${id}`).set('Authorization', resident.auth)).body.status).toBe(
      'pending_review',
    );
  });

  it('when the text is risky it is refused; when flagged it is marked for the reviewer', async () => {
    const resident = await buildResident(ctx);
    const risky = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ description: '帮我推广赌博网站谢谢' }));
    expect(risky.status).toBe(422);
    expect(risky.body.error).toMatchObject({
      code: 'content_risky',
      fields: [{ path: 'description', message: '该内容包含违规信息' }],
    });
    const flagged = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', resident.auth)
      .send(need({ description: '这里有待审词需要人工看' }));
    expect(flagged.status).toBe(201);
    expect(flagged.body.request.contentFlag).toBe('review');
  });

  it('review: 401 → 400 → 403 → 200; approval publishes, is audited, notifies, and a second decision conflicts', async () => {
    const resident = await buildResident(ctx);
    const id = (await ctx.http.post('/api/help-requests').set('Authorization', resident.auth).send(need())).body.request
      .id as string;
    const path = `/api/help-requests/${id}/review`;
    expect((await ctx.http.post(path).send({ decision: 'approve' })).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await ctx.http.post(path).set('Authorization', admin.auth).send({ decision: 'reject' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写原因（至少 2 个字）' }]);
    expect((await ctx.http.post(path).set('Authorization', resident.auth).send({ decision: 'approve' })).status).toBe(
      403,
    );
    const queue = await ctx.http.get('/api/admin/help-requests').set('Authorization', admin.auth);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const ok = await ctx.http.post(path).set('Authorization', admin.auth).send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      outcome: 'published',
      request: { status: 'published', review: { decision: 'approve' } },
    });
    const again = await ctx.http
      .post(path)
      .set('Authorization', admin.auth)
      .send({ decision: 'reject', reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('help_request_state_invalid');
    expect(await AuditEntry.countDocuments({ action: 'help_request.approve', 'target.id': id })).toBe(1);
    const inbox = await ctx.http.get('/api/me/notifications').set('Authorization', resident.auth);
    expect(JSON.stringify(inbox.body)).toContain('您的求助已公开');
    const pub = await ctx.http.get(`/api/help-requests/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).not.toHaveProperty('authorId');
  });

  it('when two teams take the same request at once, one gets it; it then links to that team’s activity', async () => {
    const resident = await buildResident(ctx);
    const admin = await buildDistrictAdmin(ctx);
    const neededAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const id = (
      await ctx.http
        .post('/api/help-requests')
        .set('Authorization', resident.auth)
        .send(need({ category: 'daily_errands', neededAt }))
    ).body.request.id as string;
    await ctx.http
      .post(`/api/help-requests/${id}/review`)
      .set('Authorization', admin.auth)
      .send({ decision: 'approve' });
    const a = await buildTeamWithAdmin(ctx);
    const b = await buildTeamWithAdmin(ctx);
    const take = (t: typeof a) =>
      ctx.http
        .post(`/api/help-requests/${id}/take`)
        .set('Authorization', t.admin.auth)
        .send({ teamId: String(t.team._id) });
    expect(
      (
        await ctx.http
          .post(`/api/help-requests/${id}/take`)
          .set('Authorization', a.admin.auth)
          .send({ teamId: String(b.team._id) })
      ).status,
    ).toBe(403);
    const [ra, rb] = await Promise.all([take(a), take(b)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? a : b;
    const winRes = ra.status === 200 ? ra : rb;
    expect(winRes.body.activityDraft).toMatchObject({
      description: '独居老人需要每周买菜帮助',
      address: '幸福小区 3 号楼',
      // The publish form starts from the request's category (as an activity category) and date.
      category: 'community_service',
      neededAt,
      helpRequestId: id,
    });
    const loser = winner === a ? b : a;
    const start = new Date(Date.now() + 2 * 86_400_000);
    const mine = await buildActivityWithShift({
      team: winner.team,
      createdBy: winner.admin.user.id,
      start,
      end: new Date(start.getTime() + 3_600_000),
    });
    const theirs = await buildActivityWithShift({
      team: loser.team,
      createdBy: loser.admin.user.id,
      start,
      end: new Date(start.getTime() + 3_600_000),
    });
    const convert = `/api/help-requests/${id}/convert`;
    expect(
      (
        await ctx.http
          .post(convert)
          .set('Authorization', loser.admin.auth)
          .send({ activityId: String(theirs.activity._id) })
      ).status,
    ).toBe(403);
    expect(
      (
        await ctx.http
          .post(convert)
          .set('Authorization', winner.admin.auth)
          .send({ activityId: String(theirs.activity._id) })
      ).status,
    ).toBe(403);
    const ok = await ctx.http
      .post(convert)
      .set('Authorization', winner.admin.auth)
      .send({ activityId: String(mine.activity._id) });
    expect(ok.status).toBe(200);
    expect(ok.body.request).toMatchObject({
      status: 'converted',
      activityId: String(mine.activity._id),
      takenBy: { teamId: String(winner.team._id) },
    });
    const list = await ctx.http.get('/api/help-requests').query({ category: 'daily_errands' });
    expect(list.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ status: 'converted' });
  });

  it('when the author closes a pending request, it cannot be reviewed any more; others cannot close it', async () => {
    const resident = await buildResident(ctx);
    const other = await buildResident(ctx);
    const id = (await ctx.http.post('/api/help-requests').set('Authorization', resident.auth).send(need())).body.request
      .id as string;
    expect((await ctx.http.post(`/api/help-requests/${id}/close`).set('Authorization', other.auth)).status).toBe(403);
    expect(
      (await ctx.http.post(`/api/help-requests/${id}/close`).set('Authorization', resident.auth)).body.outcome,
    ).toBe('closed');
    const admin = await buildDistrictAdmin(ctx);
    expect(
      (
        await ctx.http
          .post(`/api/help-requests/${id}/review`)
          .set('Authorization', admin.auth)
          .send({ decision: 'approve' })
      ).status,
    ).toBe(409);
    const mine = await ctx.http.get('/api/me/help-requests').set('Authorization', resident.auth);
    expect(mine.body.items[0]).toMatchObject({ id, status: 'closed' });
  });
});
