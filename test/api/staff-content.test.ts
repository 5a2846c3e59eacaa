/**
 * Staff content (issue 9, item 7): staff on the H5 portal have no openid, so WeChat cannot check
 * what they write. Their public text is matched against STAFF_CONTENT_KEYWORDS and held for the
 * 内容审核 queue; their covers that WeChat has not seen are held too; publication is audited.
 */
import { AuditEntry } from '../../server/modules/audit/model';
import { activityInput, buildCertifiedTeam } from '../../server/modules/volunteering/teams/api-testing';
import { createTestContext, type TestContext } from '../support';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext({ env: { STAFF_CONTENT_KEYWORDS: '赌博,违禁词' } });
});
afterAll(async () => {
  await ctx?.close();
});

describe('activities written by staff', () => {
  it('when the description holds a listed word, the activity is held (202), queued for review and its holding audited', async () => {
    const { teamId, district } = await buildCertifiedTeam(ctx);
    const res = await ctx.http
      .post('/api/activities')
      .set('Authorization', district.auth)
      .send(activityInput(teamId, ctx.deps.now(), { description: '本周六晚在社区活动室组织赌博游戏，欢迎参加' }));
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('under_review');
    const id = res.body.activity.id as string;

    // Not public: the anonymous detail and list do not show it.
    const list = await ctx.http.get('/api/activities');
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    // In the district's one 内容审核 queue.
    const queue = await ctx.http.get('/api/admin/review?kind=activity').set('Authorization', district.auth);
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.body)).toContain(id);
    const audit = await AuditEntry.findOne({ 'target.id': id, action: 'volunteering.activity.held' }).lean();
    expect(audit).not.toBeNull();
  });

  it('clean staff text goes public at once, and its publication is audited', async () => {
    const { teamId, district } = await buildCertifiedTeam(ctx);
    const res = await ctx.http.post('/api/activities').set('Authorization', district.auth).send(activityInput(teamId, ctx.deps.now()));
    expect(res.status).toBe(201);
    const audit = await AuditEntry.findOne({ 'target.id': res.body.activity.id, action: 'volunteering.activity.published' }).lean();
    expect(audit).toMatchObject({ actor: { kind: 'staff' } });
  });

  it('a staff cover WeChat has not checked is held for review too', async () => {
    const { teamId, district } = await buildCertifiedTeam(ctx);
    const res = await ctx.http
      .post('/api/activities')
      .set('Authorization', district.auth)
      .send(activityInput(teamId, ctx.deps.now(), { coverUrl: 'https://example.com/cover.jpg' }));
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('under_review');
  });
});
