import { Types } from 'mongoose';
import { buildResident, createTestContext, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { AuditEntry } from '../../audit/model';
import { Photo } from '../gallery/model';
import { activityInput, buildActivity, buildCertifiedTeam, buildVolunteer } from '../teams/api-testing';
import { Activity } from './model';

jest.setTimeout(120_000);
const clock = TEST_CLOCK_START;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

const FLAGGED = '欢迎参加，这里有待审词';
type Team = Awaited<ReturnType<typeof buildCertifiedTeam>>;
const publish = (team: Team, overrides: Record<string, unknown> = {}) =>
  ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(activityInput(team.teamId, clock, overrides));
const listedIds = async (teamId: string): Promise<string[]> =>
  (await ctx.http.get(`/api/activities?teamId=${teamId}`)).body.items.map((a: { id: string }) => a.id);
const decisionPath = (id: string) => `/api/admin/review/activity/${id}/decision`;
const titles = async (auth: string): Promise<string[]> =>
  (await ctx.http.get('/api/me/notifications').set('Authorization', auth)).body.items.map((n: { title: string }) => n.title);

describe('activities held for moderation', () => {
  test('when the description needs review, the activity is held: 202 审核中, not listed, hidden from others, closed to signups, shown to its team', async () => {
    const team = await buildCertifiedTeam(ctx);
    const res = await publish(team, { description: FLAGGED });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'under_review',
      activity: { status: 'under_review', review: { state: 'under_review', label: '审核中', reason: null } },
    });
    const id = res.body.activity.id as string;
    expect(await listedIds(team.teamId)).not.toContain(id);
    expect((await ctx.http.get(`/api/activities/${id}`)).status).toBe(404);
    const v = await buildVolunteer(ctx);
    expect((await ctx.http.get(`/api/activities/${id}`).set('Authorization', v.auth)).status).toBe(404);
    const signup = await ctx.http.post(`/api/shifts/${res.body.activity.shifts[0].id}/signups`).set('Authorization', v.auth).send({});
    expect(signup.body.error.code).toBe('activity_not_open');

    const own = await ctx.http.get(`/api/activities/${id}`).set('Authorization', team.admin.auth);
    expect(own.status).toBe(200);
    expect(own.body.activity.review).toMatchObject({ state: 'under_review', label: '审核中' });
    const teamList = await ctx.http.get(`/api/teams/${team.teamId}/activities`).set('Authorization', team.admin.auth);
    expect(teamList.status).toBe(200);
    expect(teamList.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'under_review', review: { label: '审核中' } });
    expect((await ctx.http.get(`/api/teams/${team.teamId}/activities`)).status).toBe(401);
    expect((await ctx.http.get(`/api/teams/${team.teamId}/activities`).set('Authorization', v.auth)).status).toBe(403);
  });

  test('the 内容审核 queue, kind activity: 401 → 400 → 403 → 200 with held activities and held edits', async () => {
    const team = await buildCertifiedTeam(ctx);
    const held = (await publish(team, { title: '待审词活动' })).body.activity.id as string;
    const clean = await buildActivity(ctx, team);
    const path = '/api/admin/review?kind=activity';
    expect((await ctx.http.get(path)).status).toBe(401);
    expect((await ctx.http.get(`${path}&pageSize=0`).set('Authorization', team.district.auth)).status).toBe(400);
    expect((await ctx.http.get(path).set('Authorization', team.admin.auth)).status).toBe(403);
    const queue = await ctx.http.get(`${path}&pageSize=100`).set('Authorization', team.district.auth);
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((a: { id: string }) => a.id);
    expect(ids).toContain(held);
    expect(ids).not.toContain(clean.id);
  });

  test('deciding a held activity: 401 → 400 → 403 → approve publishes, notifies the team admins, is audited; a second decision conflicts', async () => {
    const team = await buildCertifiedTeam(ctx);
    const id = (await publish(team, { description: FLAGGED })).body.activity.id as string;
    const path = decisionPath(id);
    expect((await ctx.http.post(path).send({ decision: 'approve' })).status).toBe(401);
    const bad = await ctx.http.post(path).set('Authorization', team.district.auth).send({ decision: 'reject' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写原因（至少 2 个字）' }]);
    expect((await ctx.http.post(path).set('Authorization', team.admin.auth).send({ decision: 'approve' })).status).toBe(403);

    const ok = await ctx.http.post(path).set('Authorization', team.district.auth).send({ decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'published', result: { activity: { status: 'published', review: { state: 'approved' } } } });
    expect(await listedIds(team.teamId)).toContain(id);
    expect((await ctx.http.get(`/api/activities/${id}`)).status).toBe(200);
    expect(await titles(team.admin.auth)).toContain('活动已通过审核');
    const audit = await AuditEntry.findOne({ action: 'volunteering.activity.moderation.published', 'target.id': id }).lean();
    expect(String(audit?.actor.id)).toBe(team.district.user.id);

    const again = await ctx.http.post(path).set('Authorization', team.district.auth).send({ decision: 'reject', reason: '重复审核' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  test('when a moderator rejects with a reason, the activity stays hidden and the team sees why', async () => {
    const team = await buildCertifiedTeam(ctx);
    const id = (await publish(team, { description: FLAGGED })).body.activity.id as string;
    const res = await ctx.http
      .post(decisionPath(id))
      .set('Authorization', team.district.auth)
      .send({ decision: 'reject', reason: '活动介绍含不当内容' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'rejected',
      result: { activity: { status: 'rejected', review: { state: 'rejected', label: '未通过审核', reason: '活动介绍含不当内容' } } },
    });
    expect((await ctx.http.get(`/api/activities/${id}`)).status).toBe(404);
    expect(await listedIds(team.teamId)).not.toContain(id);
    expect(await titles(team.admin.auth)).toContain('活动未通过审核');
    expect(await AuditEntry.countDocuments({ action: 'volunteering.activity.moderation.rejected', 'target.id': id })).toBe(1);
  });

  test('when an edit of a published activity needs review, the public keeps the old text until a moderator approves it', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const edit = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ title: '新标题待审词', checkinRadiusM: 500 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      outcome: 'edit_held',
      activity: { title: '社区清洁日', checkinRadiusM: 500, review: { state: 'edit_held', heldEdit: { title: '新标题待审词' } } },
    });
    const pub = await ctx.http.get(`/api/activities/${act.id}`);
    expect(pub.body.activity).toMatchObject({ title: '社区清洁日', status: 'published', review: null });
    const queue = await ctx.http.get('/api/admin/review?kind=activity&pageSize=100').set('Authorization', team.district.auth);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(act.id);

    const ok = await ctx.http
      .post(decisionPath(act.id))
      .set('Authorization', team.district.auth)
      .send({ decision: 'approve' });
    expect(ok.body).toMatchObject({ outcome: 'edit_applied', result: { activity: { title: '新标题待审词', status: 'published' } } });
    expect((await ctx.http.get(`/api/activities/${act.id}`)).body.activity.title).toBe('新标题待审词');
    expect(await titles(team.admin.auth)).toContain('活动修改已通过审核');

    // A second held edit, rejected: dropped, the approved text stays.
    await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', team.admin.auth).send({ description: FLAGGED });
    const no = await ctx.http
      .post(decisionPath(act.id))
      .set('Authorization', team.district.auth)
      .send({ decision: 'reject', reason: '描述不合适' });
    expect(no.body).toMatchObject({ outcome: 'edit_discarded', result: { activity: { description: '一起打扫小区公共区域，提供手套和工具' } } });
    const after = await Activity.findById(act.id).lean();
    expect(after?.heldEdit).toBeUndefined();

    // A held title followed by a clean title: approving the held edit later does not roll the clean one back.
    await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', team.admin.auth).send({ title: '又一个待审词标题' });
    await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', team.admin.auth).send({ title: '干净的标题' });
    const late = await ctx.http
      .post(decisionPath(act.id))
      .set('Authorization', team.district.auth)
      .send({ decision: 'approve' });
    expect(late.body.result.activity.title).toBe('干净的标题');
  });

  test('when the cover is an outside image, WeChat checks it and the activity is held; a checked photo from the team gallery passes', async () => {
    const team = await buildCertifiedTeam(ctx);
    const outside = await publish(team, { coverUrl: 'https://cdn.example.com/cover.jpg' });
    expect(outside.status).toBe(202);
    expect(outside.body.outcome).toBe('under_review');
    const stored = await Activity.findById(outside.body.activity.id).lean();
    expect(stored?.coverTraceId).toEqual(expect.any(String));

    const first = await buildActivity(ctx, team);
    const photo = await Photo.create({
      activity: new Types.ObjectId(first.id),
      team: new Types.ObjectId(team.teamId),
      uploader: new Types.ObjectId(team.admin.user.id),
      file: 'x/y.jpg',
      mime: 'image/jpeg',
      bytes: 10,
      sha256: 'a'.repeat(64),
      status: 'visible',
      fetchKey: 'k',
      createdAt: clock,
    });
    const cover = `/api/gallery/photos/${String(photo._id)}/file`;
    const own = await publish(team, { coverUrl: cover });
    expect(own.status).toBe(201);
    expect(own.body.activity).toMatchObject({ status: 'published', coverUrl: cover });
    // Still being checked → held like an outside image.
    await Photo.updateOne({ _id: photo._id }, { $set: { status: 'checking' } });
    expect((await publish(team, { coverUrl: cover })).status).toBe(202);

    // Changing the cover of a published activity holds just the cover.
    const edit = await ctx.http
      .patch(`/api/activities/${first.id}`)
      .set('Authorization', team.admin.auth)
      .send({ coverUrl: 'https://cdn.example.com/new.jpg' });
    expect(edit.body).toMatchObject({ outcome: 'edit_held', activity: { coverUrl: null, review: { heldEdit: { coverUrl: 'https://cdn.example.com/new.jpg' } } } });
  });

  test('when the text is risky, publishing is refused with 422 and nothing is stored', async () => {
    const team = await buildCertifiedTeam(ctx);
    const r = await publish(team, { description: '欢迎访问赌博网站' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'content_risky', fields: [{ path: 'description', message: '该内容包含违规信息' }] });
    expect(await Activity.countDocuments({ team: new Types.ObjectId(team.teamId) })).toBe(0);
  });
});

describe('moderation by a resident', () => {
  test('a plain resident cannot moderate', async () => {
    const r = await buildResident(ctx);
    const res = await ctx.http
      .post(decisionPath(String(new Types.ObjectId())))
      .set('Authorization', r.auth)
      .send({ decision: 'approve' });
    expect(res.status).toBe(403);
  });
});
