import { buildResident, createTestContext, type TestContext } from '../../test/support';
import { Clinic, Community, Department, District, Grid, Team } from '../modules/org/model';
import { User } from '../modules/users/model';
import { Volunteer } from '../modules/volunteering/volunteers/model';
import { seedDemoData, DEMO_PASSWORD } from './seed';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const counts = async () => ({
  districts: await District.countDocuments(),
  communities: await Community.countDocuments(),
  grids: await Grid.countDocuments(),
  departments: await Department.countDocuments(),
  teams: await Team.countDocuments(),
  clinics: await Clinic.countDocuments(),
  users: await User.countDocuments(),
});

describe('seedDemoData', () => {
  it('when run twice (also concurrently), creates the demo organisations and accounts once', async () => {
    const [first] = await Promise.all([seedDemoData(ctx.deps), seedDemoData(ctx.deps)]);
    const before = await counts();
    expect(before).toEqual({ districts: 1, communities: 3, grids: 6, departments: 4, teams: 4, clinics: 2, users: 13 });
    await seedDemoData(ctx.deps);
    expect(await counts()).toEqual(before);
    expect(await Team.countDocuments({ status: 'certified' })).toBe(3);
    // Upcoming demo activities are published once, and the 活动 tab lists them.
    const listed = await ctx.http.get('/api/activities');
    expect(listed.status).toBe(200);
    const titles = (listed.body.items as { title: string }[]).map((a) => a.title).sort();
    expect(titles).toEqual(['和平巷独居老人上门探访', '幸福里社区周末环境清洁', '春晓苑垃圾分类宣传与指导'].sort());
    const roles = first.accounts.map((a) => a.role).sort();
    expect(roles).toEqual(
      [
        'clinic_coordinator',
        // community (issue 14)
        'community_admin',
        'dispatcher',
        'district_admin',
        'handler',
        'law_student',
        'lawyer',
        // clinic (issue 11): a second clinic's lawyer, one not yet a provider, and the mediator
        'lawyer',
        'lawyer',
        'mediator',
        'resident',
        'team_admin',
        'volunteer',
      ].sort(),
    );
    // Three whole demo seeds (two at once): seconds on an idle machine, past 30 s on a loaded 2-core one.
  }, 90_000);

  it('when a demo staff member logs in with the printed password, gets their scoped role', async () => {
    const { accounts } = await seedDemoData(ctx.deps);
    for (const a of accounts.filter((x) => x.username)) {
      const res = await ctx.http.post('/api/auth/staff/login').send({ username: a.username, password: a.password });
      expect(res.status).toBe(200);
      expect(res.body.user.roles.map((r: { role: string }) => r.role)).toContain(a.role);
    }
    expect(accounts.find((a) => a.role === 'lawyer')!.password).toBe(DEMO_PASSWORD);
    const student = await User.findOne({ username: 'demo-law-student' }).lean();
    const lawyer = await User.findOne({ username: 'demo-lawyer' }).lean();
    expect(student!.roles[0].supervisorId).toBe(String(lawyer!._id));
  });

  it('when a demo resident uses the dev login, lands in the seeded account', async () => {
    await seedDemoData(ctx.deps);
    const seeded = await User.findOne({ openid: 'demo-resident' }).lean();
    const res = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor('demo-resident') });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(String(seeded!._id));
  });

  it('when demo-volunteer uses the dev login, they are a real-name-verified, registered volunteer', async () => {
    await Promise.all([seedDemoData(ctx.deps), seedDemoData(ctx.deps)]);
    // Logged in through the dev login and past the privacy consent, as the app takes a first-time user.
    const { auth, user } = await buildResident(ctx, { openid: 'demo-volunteer' });
    expect(user.id).toBe(String((await User.findOne({ openid: 'demo-volunteer' }).lean())!._id));
    const me = await ctx.http.get('/api/me').set('Authorization', auth);
    expect(me.status).toBe(200);
    expect(me.body.user.realName).toMatchObject({ nameMasked: '陈*明', idNumberMasked: expect.stringMatching(/^1101\*+1233$/) });
    expect(me.body.user.roles.map((r: { role: string }) => r.role)).toEqual(['resident', 'volunteer']);
    const vol = await ctx.http.get('/api/volunteers/me').set('Authorization', auth);
    expect(vol.status).toBe(200);
    expect(vol.body.volunteer).toMatchObject({ volunteerNo: expect.stringMatching(/^V\d{10}$/), skills: ['陪伴', '急救'] });
    expect(await Volunteer.countDocuments({ user: user.id })).toBe(1);
  });
});
