import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type Built, type TestContext } from '../../../test/support';
import { Photo } from './gallery/model';
import { buildActivity, buildCertifiedTeam } from './teams/api-testing';

/**
 * The resource policies as a matrix: for each resource, every kind of asker
 * (visitor, resident, team member, team admin by membership, district admin)
 * gets exactly the abilities the policy grants, and the routes answer the same
 * way (403, or 404 where the resource is hidden) when an ability is false.
 */
jest.setTimeout(180_000);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

type Askers = { visitor: null; resident: Built; member: Built; admin: Built; district: Built };
const as = (req: ReturnType<TestContext['http']['get']>, who: Built | null) => (who ? req.set('Authorization', who.auth) : req);

async function world() {
  const team = await buildCertifiedTeam(ctx);
  const member = await buildResident(ctx);
  await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', member.auth).send({});
  await ctx.http.post(`/api/teams/${team.teamId}/members/${member.user.id}/decision`).set('Authorization', team.admin.auth).send({ decision: 'approve' });
  const askers: Askers = { visitor: null, resident: await buildResident(ctx), member, admin: team.admin, district: await buildDistrictAdmin(ctx) };
  return { team, askers };
}

const ALL = (v: boolean, keys: string[]) => Object.fromEntries(keys.map((k) => [k, v]));

describe('activity policy', () => {
  test('abilities on the activity page, per asker; the write routes agree (403 for those without the ability)', async () => {
    const { team, askers } = await world();
    const act = await buildActivity(ctx, team, { checkinRequired: true });
    const keys = ['view', 'manage', 'update', 'cancel', 'manageSignups', 'showCheckinCode', 'confirmHours', 'manageGallery'];
    const expected: Record<keyof Askers, Record<string, boolean>> = {
      visitor: { ...ALL(false, keys), view: true },
      resident: { ...ALL(false, keys), view: true },
      member: { ...ALL(false, keys), view: true },
      admin: ALL(true, keys),
      district: ALL(true, keys),
    };
    for (const [who, asker] of Object.entries(askers) as [keyof Askers, Built | null][]) {
      const res = await as(ctx.http.get(`/api/activities/${act.id}`), asker);
      expect([who, res.body.activity.abilities]).toEqual([who, expected[who]]);
      if (asker && !expected[who].update) {
        const patch = await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', asker.auth).send({ checkinRadiusM: 400 });
        expect([who, patch.status]).toEqual([who, 403]);
        const cancel = await ctx.http.post(`/api/activities/${act.id}/cancel`).set('Authorization', asker.auth).send({ reason: '天气原因取消' });
        expect([who, cancel.status]).toEqual([who, 403]);
        const signups = await ctx.http.get(`/api/activities/${act.id}/signups`).set('Authorization', asker.auth);
        expect([who, signups.status]).toEqual([who, 403]);
      }
    }
    // State: once cancelled, the team admin may no longer update or cancel it (no buttons), though still manage it.
    const cancelled = await ctx.http.post(`/api/activities/${act.id}/cancel`).set('Authorization', team.admin.auth).send({ reason: '天气原因取消' });
    expect(cancelled.status).toBe(200);
    const after = (await ctx.http.get(`/api/activities/${act.id}`).set('Authorization', team.admin.auth)).body.activity.abilities;
    expect(after).toMatchObject({ manage: true, update: false, cancel: false, showCheckinCode: false });
    // A held activity is not even visible to those who cannot manage it.
    const held = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send({
      ...(await import('./teams/api-testing')).activityInput(team.teamId, ctx.deps.now()),
      description: '欢迎参加，这里有待审词',
    });
    expect(held.status).toBe(202);
    for (const who of ['visitor', 'resident', 'member'] as const) {
      expect((await as(ctx.http.get(`/api/activities/${held.body.activity.id}`), askers[who])).status).toBe(404);
    }
    expect((await ctx.http.get(`/api/activities/${held.body.activity.id}`).set('Authorization', askers.district.auth)).body.activity.abilities.view).toBe(true);
  });
});

describe('team and membership policy', () => {
  test('abilities on the team page and on join requests, per asker; the member routes agree', async () => {
    const { team, askers } = await world();
    const keys = ['manage', 'manageMembers', 'publishActivity', 'confirmHours', 'viewStats', 'join', 'certify'];
    const expected: Record<keyof Askers, Record<string, boolean>> = {
      visitor: { ...ALL(false, keys), join: true },
      resident: { ...ALL(false, keys), join: true },
      member: ALL(false, keys),
      admin: { ...ALL(true, keys), join: false, certify: false },
      district: { ...ALL(true, keys), certify: false },
    };
    for (const [who, asker] of Object.entries(askers) as [keyof Askers, Built | null][]) {
      const res = await as(ctx.http.get(`/api/teams/${team.teamId}`), asker);
      expect([who, res.body.team.abilities]).toEqual([who, expected[who]]);
      if (asker && !expected[who].manageMembers) {
        expect([who, (await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', asker.auth)).status]).toEqual([who, 403]);
        expect([who, (await ctx.http.get(`/api/teams/${team.teamId}/stats`).set('Authorization', asker.auth)).status]).toEqual([who, 403]);
      }
    }
    const applicant = askers.resident;
    await ctx.http.post(`/api/teams/${team.teamId}/join`).set('Authorization', applicant.auth).send({});
    const pending = await ctx.http.get(`/api/teams/${team.teamId}/members?status=pending`).set('Authorization', team.admin.auth);
    expect(pending.body.items.find((m: { userId: string }) => m.userId === applicant.user.id).abilities).toEqual({ decide: true, setRole: false });
    const active = await ctx.http.get(`/api/teams/${team.teamId}/members?status=active`).set('Authorization', team.admin.auth);
    expect(active.body.items.find((m: { userId: string }) => m.userId === askers.member.user.id).abilities).toEqual({ decide: false, setRole: true });
    const asMember = await ctx.http.get(`/api/teams/${team.teamId}/members?status=active`).set('Authorization', askers.member.auth);
    expect(asMember.body.items.every((m: { abilities: { setRole: boolean } }) => !m.abilities.setRole)).toBe(true);
    const decide = await ctx.http
      .post(`/api/teams/${team.teamId}/members/${applicant.user.id}/decision`)
      .set('Authorization', askers.member.auth)
      .send({ decision: 'approve' });
    expect(decide.status).toBe(403);
    // Once a member, the join button goes.
    await ctx.http.post(`/api/teams/${team.teamId}/members/${applicant.user.id}/decision`).set('Authorization', team.admin.auth).send({ decision: 'approve' });
    expect((await ctx.http.get(`/api/teams/${team.teamId}`).set('Authorization', applicant.auth)).body.team.abilities.join).toBe(false);
  });
});

describe('help-request policy', () => {
  test('abilities per asker and per state; review, take, convert and close answer 403 without them', async () => {
    const { team, askers } = await world();
    const author = await buildResident(ctx);
    const posted = await ctx.http.post('/api/help-requests').set('Authorization', author.auth).send({
      category: 'elderly_care',
      description: '独居老人需要每周买菜帮助',
      address: '幸福小区 3 号楼',
      location: { lng: 121.47, lat: 31.23 },
      neededAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const id = posted.body.request.id as string;
    const abilities = async (who: Built | null) => (await as(ctx.http.get(`/api/help-requests/${id}`), who)).body.abilities;
    // Waiting for review: the author may close it; reviewers (district and team admins) review it.
    expect(await abilities(author)).toEqual({ viewDetail: true, review: false, take: false, convert: false, close: true });
    expect(await abilities(askers.admin)).toEqual({ viewDetail: true, review: true, take: false, convert: false, close: false });
    expect(await abilities(askers.district)).toMatchObject({ viewDetail: true, review: true });
    expect((await as(ctx.http.get(`/api/help-requests/${id}`), askers.resident)).status).toBe(404);
    expect((await ctx.http.post(`/api/help-requests/${id}/review`).set('Authorization', askers.member.auth).send({ decision: 'approve' })).status).toBe(403);
    expect((await ctx.http.post(`/api/help-requests/${id}/close`).set('Authorization', askers.resident.auth)).status).toBe(403);

    expect((await ctx.http.post(`/api/help-requests/${id}/review`).set('Authorization', askers.admin.auth).send({ decision: 'approve' })).status).toBe(200);
    expect(await abilities(askers.admin)).toMatchObject({ review: false, take: true, convert: false });
    expect(await abilities(askers.resident)).toEqual({ viewDetail: false, review: false, take: false, convert: false, close: false });
    expect(await abilities(null)).toEqual({ viewDetail: false, review: false, take: false, convert: false, close: false });
    expect((await ctx.http.post(`/api/help-requests/${id}/take`).set('Authorization', askers.member.auth).send({ teamId: team.teamId })).status).toBe(403);
    expect((await ctx.http.post(`/api/help-requests/${id}/take`).set('Authorization', askers.admin.auth).send({ teamId: team.teamId })).status).toBe(200);
    expect(await abilities(askers.admin)).toMatchObject({ take: false, convert: true });
    expect(await abilities(author)).toMatchObject({ close: false });
    const act = await buildActivity(ctx, team);
    expect((await ctx.http.post(`/api/help-requests/${id}/convert`).set('Authorization', askers.member.auth).send({ activityId: act.id })).status).toBe(403);
  });
});

describe('photo policy', () => {
  test('abilities on each photo of the gallery: uploader deletes their own, team admins show, hide and delete; others nothing', async () => {
    const { team, askers } = await world();
    const act = await buildActivity(ctx, team);
    const photo = await Photo.create({
      activity: new Types.ObjectId(act.id),
      team: new Types.ObjectId(team.teamId),
      uploader: new Types.ObjectId(askers.member.user.id),
      file: 'x/y.jpg',
      mime: 'image/jpeg',
      bytes: 10,
      sha256: 'b'.repeat(64),
      status: 'visible',
      fetchKey: 'k',
      createdAt: new Date(),
    });
    const id = String(photo._id);
    const of = async (who: Built | null) =>
      (await as(ctx.http.get(`/api/activities/${act.id}/photos`), who)).body.items.find((p: { id: string }) => p.id === id).abilities;
    expect(await of(null)).toEqual({ view: true, show: false, hide: false, delete: false });
    expect(await of(askers.resident)).toEqual({ view: true, show: false, hide: false, delete: false });
    expect(await of(askers.member)).toEqual({ view: true, show: false, hide: false, delete: true });
    expect(await of(askers.admin)).toEqual({ view: true, show: false, hide: true, delete: true });
    expect(await of(askers.district)).toEqual({ view: true, show: false, hide: true, delete: true });
    const hide = (who: Built) => ctx.http.post(`/api/gallery/photos/${id}/moderate`).set('Authorization', who.auth).send({ action: 'hide', reason: '与活动无关' });
    expect((await hide(askers.member)).status).toBe(403);
    expect((await ctx.http.delete(`/api/gallery/photos/${id}`).set('Authorization', askers.resident.auth)).status).toBe(403);
    expect((await hide(askers.admin)).status).toBe(200);
    expect(await of(askers.admin)).toEqual({ view: true, show: true, hide: false, delete: true });
    expect((await as(ctx.http.get(`/api/activities/${act.id}/photos`), askers.resident)).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });
});

describe('signup policy', () => {
  test('only the volunteer cancels their signup; only the team admins decide one; others get 403', async () => {
    const { team, askers } = await world();
    const act = await buildActivity(ctx, team, { requiresApproval: true });
    const volunteer = (await import('./teams/api-testing')).buildVolunteer;
    const v = await volunteer(ctx);
    const s = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    const signupId = s.body.signup.id as string;
    expect((await ctx.http.post(`/api/signups/${signupId}/cancel`).set('Authorization', askers.resident.auth).send({})).status).toBe(403);
    const decide = (who: Built) => ctx.http.post(`/api/signups/${signupId}/decision`).set('Authorization', who.auth).send({ decision: 'approve' });
    expect((await decide(askers.member)).status).toBe(403);
    expect((await decide(v)).status).toBe(403);
    expect((await decide(askers.admin)).status).toBe(200);
  });
});
