import { createTestContext, buildResident, TEST_CLOCK_START, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { activityInput, buildActivity, buildCertifiedTeam, buildVolunteer, teamInput } from '../teams/api-testing';

jest.setTimeout(120_000);

let ctx: TestContext;
const clock = TEST_CLOCK_START;
beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
});
afterAll(async () => {
  await ctx.close();
});

describe('publishing activities', () => {
  test('POST /api/activities: 401 → 400 → 403 for non-admins → 409 for an uncertified team → 201', async () => {
    const team = await buildCertifiedTeam(ctx);
    expect((await ctx.http.post('/api/activities').send(activityInput(team.teamId, clock))).status).toBe(401);
    const outsider = await buildResident(ctx);
    const bad = await ctx.http.post('/api/activities').set('Authorization', outsider.auth).send({ teamId: team.teamId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['title', 'shifts', 'location']));
    expect((await ctx.http.post('/api/activities').set('Authorization', outsider.auth).send(activityInput(team.teamId, clock))).status).toBe(403);

    const applicant = await buildVerifiedResident(ctx);
    const pending = await ctx.http.post('/api/teams').set('Authorization', applicant.auth).send(teamInput());
    const uncert = await ctx.http
      .post('/api/activities')
      .set('Authorization', applicant.auth)
      .send(activityInput(pending.body.team.id, clock));
    // the applicant is not an admin of a pending team yet
    expect(uncert.status).toBe(403);
    // a district admin may act for any team, but a pending team cannot publish
    const byDistrict = await ctx.http
      .post('/api/activities')
      .set('Authorization', team.district.auth)
      .send(activityInput(pending.body.team.id, clock));
    expect(byDistrict.status).toBe(409);
    expect(byDistrict.body.error.code).toBe('team_not_certified');

    const ok = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(activityInput(team.teamId, clock));
    expect(ok.status).toBe(201);
    expect(ok.body.activity).toMatchObject({
      title: '社区清洁日',
      status: 'published',
      teamName: '阳光志愿服务队',
      remaining: 2,
      reminderLeadMinutes: 120,
      shifts: [{ capacity: 2, taken: 0, remaining: 2, waiting: 0 }],
    });
    expect(ok.body.activity.sharePath).toContain(ok.body.activity.id);
  });
});

describe('shift times on the server', () => {
  const HOUR = 3600_000;
  const at = (ms: number) => new Date(ms).toISOString();

  test('publishing with a shift that already started is refused on that shift, and nothing is stored', async () => {
    const team = await buildCertifiedTeam(ctx);
    const soon = clock.getTime() + 48 * HOUR;
    const shifts = [
      { start: at(soon), end: at(soon + 2 * HOUR), capacity: 2 },
      { start: at(clock.getTime() - HOUR), end: at(clock.getTime() + HOUR), capacity: 2 },
    ];
    const input = activityInput(team.teamId, clock, {
      title: '过去班次的活动',
      shifts,
      signupDeadline: at(clock.getTime() - 2 * HOUR),
      cancelDeadline: at(clock.getTime() - 3 * HOUR),
    });
    const res = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toEqual([{ path: 'shifts.1.start', message: '班次开始时间不能早于现在' }]);
    const list = await ctx.http.get(`/api/teams/${team.teamId}/activities`).set('Authorization', team.admin.auth);
    expect(JSON.stringify(list.body)).not.toContain('过去班次的活动');
  });

  test('adding a past shift to an activity is refused on that shift; a future one is added', async () => {
    const team = await buildCertifiedTeam(ctx);
    const a = await buildActivity(ctx, team);
    const future = clock.getTime() + 96 * HOUR;
    const res = await ctx.http
      .patch(`/api/activities/${a.id}`)
      .set('Authorization', team.admin.auth)
      .send({
        addShifts: [
          { start: at(future), end: at(future + HOUR), capacity: 1 },
          { start: at(clock.getTime()), end: at(clock.getTime() + HOUR), capacity: 1 },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'addShifts.1.start', message: '班次开始时间不能早于现在' }]);
    const ok = await ctx.http
      .patch(`/api/activities/${a.id}`)
      .set('Authorization', team.admin.auth)
      .send({ addShifts: [{ start: at(future), end: at(future + HOUR), capacity: 1 }] });
    expect(ok.status).toBe(200);
    expect(ok.body.activity.shifts).toHaveLength(2);
  });

  test('a shift ending before it starts is refused by the server; an overnight shift (end the next day) is accepted', async () => {
    const team = await buildCertifiedTeam(ctx);
    const evening = clock.getTime() + 72 * HOUR;
    const backwards = activityInput(team.teamId, clock, {
      shifts: [{ start: at(evening), end: at(evening - HOUR), capacity: 2 }],
    });
    const bad = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(backwards);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'shifts.0.end', message: '结束时间必须晚于开始时间' }]);
    const overnight = activityInput(team.teamId, clock, {
      shifts: [{ start: at(evening), end: at(evening + 10 * HOUR), capacity: 2 }],
    });
    expect((await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(overnight)).status).toBe(201);
  });
});

describe('titles need real text', () => {
  test.each([['emoji only', '🎉🎉🎉'], ['punctuation only', '！！……'], ['whitespace and symbols', ' ~ ~ ']])(
    'a title of %s is refused on the title field, before and after publishing',
    async (_label, title) => {
      const team = await buildCertifiedTeam(ctx);
      const res = await ctx.http.post('/api/activities').set('Authorization', team.admin.auth).send(activityInput(team.teamId, clock, { title }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toContainEqual({ path: 'title', message: '活动标题须包含文字，不能只有表情或符号' });
      const a = await buildActivity(ctx, team);
      const edit = await ctx.http.patch(`/api/activities/${a.id}`).set('Authorization', team.admin.auth).send({ title });
      expect(edit.status).toBe(400);
      expect(edit.body.error.fields).toContainEqual({ path: 'title', message: '活动标题须包含文字，不能只有表情或符号' });
    },
  );

  test('a title with emoji around real words is accepted', async () => {
    const team = await buildCertifiedTeam(ctx);
    const res = await ctx.http
      .post('/api/activities')
      .set('Authorization', team.admin.auth)
      .send(activityInput(team.teamId, clock, { title: '🎉 敬老日 2026 🎉' }));
    expect(res.status).toBe(201);
    expect(res.body.activity.title).toBe('🎉 敬老日 2026 🎉');
  });
});

describe('OpenAPI', () => {
  test('the volunteering routes are described in /api/openapi.json', async () => {
    const res = await ctx.http.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ['/api/activities', '/api/teams/nearby', '/api/volunteers', '/api/shifts/{id}/signups']) expect(paths).toContain(p);
  });
});

describe('discovery', () => {
  test('when activities are near and far, the nearby list is nearest first and filters by category and team', async () => {
    const base = { lng: 110.25, lat: 20.25 };
    const team = await buildCertifiedTeam(ctx, { location: base });
    const near = await buildActivity(ctx, team, { location: { lng: base.lng + 0.001, lat: base.lat }, category: 'elderly_care' });
    const mid = await buildActivity(ctx, team, { location: { lng: base.lng + 0.01, lat: base.lat } });
    await buildActivity(ctx, team, { location: { lng: base.lng + 2, lat: base.lat } });

    expect((await ctx.http.get('/api/activities?lng=110')).status).toBe(400);
    const res = await ctx.http.get(`/api/activities?lng=${base.lng}&lat=${base.lat}&radiusKm=5`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([near.id, mid.id]);
    expect(res.body.items[0].distanceM).toBeLessThan(150);
    const cat = await ctx.http.get(`/api/activities?lng=${base.lng}&lat=${base.lat}&radiusKm=5&category=elderly_care`);
    expect(cat.body.items.map((a: { id: string }) => a.id)).toEqual([near.id]);
    const byTeam = await ctx.http.get(`/api/activities?teamId=${team.teamId}`);
    expect(byTeam.body.items).toHaveLength(3);
  });

  test('when "suitable for me" is asked, activities needing skills the volunteer lacks are left out', async () => {
    const team = await buildCertifiedTeam(ctx);
    const needsFirstAid = await buildActivity(ctx, team, { requiredSkills: ['急救'] });
    const needsSignLanguage = await buildActivity(ctx, team, { requiredSkills: ['手语'] });
    const v = await buildVolunteer(ctx, { skills: ['急救'] });
    const res = await ctx.http.get(`/api/activities?teamId=${team.teamId}&suitable=true`).set('Authorization', v.auth);
    const ids = res.body.items.map((a: { id: string }) => a.id);
    expect(ids).toContain(needsFirstAid.id);
    expect(ids).not.toContain(needsSignLanguage.id);
  });
});

describe('editing and cancelling', () => {
  test('when capacity is raised the waitlist is offered places; it cannot go below places taken; outsiders get 403', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const vols = [await buildVolunteer(ctx), await buildVolunteer(ctx), await buildVolunteer(ctx)];
    for (const v of vols) await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});

    expect((await ctx.http.patch(`/api/activities/${act.id}`).set('Authorization', vols[0].auth).send({ title: '新标题' })).status).toBe(403);
    const below = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ capacities: [{ shiftId: act.shiftIds[0], capacity: 1 }] });
    expect(below.status).toBe(409);
    expect(below.body.error.code).toBe('capacity_below_taken');
    const late = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ cancelDeadline: new Date(clock.getTime() + 30 * 86_400_000).toISOString() }); // after the shift (72 h)
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0].path).toBe('cancelDeadline');

    const raised = await ctx.http
      .patch(`/api/activities/${act.id}`)
      .set('Authorization', team.admin.auth)
      .send({ title: '社区清洁日（扩招）', capacities: [{ shiftId: act.shiftIds[0], capacity: 3 }] });
    expect(raised.status).toBe(200);
    expect(raised.body.activity).toMatchObject({ title: '社区清洁日（扩招）', shifts: [{ capacity: 3, taken: 3, waiting: 0 }] });
    const third = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', vols[2].auth);
    expect(third.body.items[0].status).toBe('offered');
    const inbox = await ctx.http.get('/api/me/notifications').set('Authorization', vols[0].auth);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('活动信息有更新');
  });

  test('when an activity is cancelled, everyone is released and notified, and the slot is free for another shift', async () => {
    const team = await buildCertifiedTeam(ctx);
    const act = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx);
    const s = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(s.body.outcome).toBe('confirmed');
    expect((await ctx.http.post(`/api/activities/${act.id}/cancel`).set('Authorization', team.admin.auth).send({})).status).toBe(400);
    const res = await ctx.http.post(`/api/activities/${act.id}/cancel`).set('Authorization', team.admin.auth).send({ reason: '台风预警' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ released: 1, activity: { status: 'cancelled', cancelReason: '台风预警' } });
    const mine = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', v.auth);
    expect(mine.body.items[0].status).toBe('activity_cancelled');
    const inbox = await ctx.http.get('/api/me/notifications').set('Authorization', v.auth);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('活动已取消');
    // same time slot, another activity: no overlap any more
    const other = await buildActivity(ctx, team);
    expect((await ctx.http.post(`/api/shifts/${other.shiftIds[0]}/signups`).set('Authorization', v.auth).send({})).body.outcome).toBe('confirmed');
    const again = await ctx.http.post(`/api/shifts/${act.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    expect(again.body.error.code).toBe('activity_not_open');
  });
});
