import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { Team } from '../../org/model';
import { Activity } from '../activities/model';
import { buildActivityWithShift, buildTeamWithAdmin } from '../attendance/fixtures';
import { recordHoursEntry } from '../hours/commands/record-entry';
import { buildVolunteer } from '../teams/api-testing';
import { csvCell } from './csv';
import { rebuildHoursRollups } from '.';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function serve(
  user: Types.ObjectId,
  team: Types.ObjectId,
  activity: Types.ObjectId,
  at: string,
  minutes: number,
  status: 'confirmed' | 'pending' = 'confirmed',
) {
  await recordHoursEntry({
    user,
    team,
    activity,
    shift: null,
    signup: null,
    activityTitle: '活动',
    serviceDate: new Date(at),
    minutes,
    source: 'checkin',
    status,
    dedupeKey: `t:${new Types.ObjectId().toHexString()}`,
    createdBy: null,
    at: new Date(),
  });
}

describe('volunteering stats', () => {
  it('team stats: 401 → 400 → 403 → 200 by Shanghai month, and a CSV Excel opens', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const [u1, u2] = [new Types.ObjectId(), new Types.ObjectId()];
    const a1 = new Types.ObjectId();
    await serve(u1, team._id, a1, '2026-01-31T17:00:00Z', 60); // 2026-02-01 in Shanghai
    await serve(u2, team._id, a1, '2026-02-10T02:00:00Z', 90);
    await serve(u1, team._id, new Types.ObjectId(), '2026-03-05T02:00:00Z', 30);
    await serve(u2, team._id, a1, '2026-03-06T02:00:00Z', 999, 'pending');
    await buildActivityWithShift({
      team,
      createdBy: admin.user.id,
      start: new Date('2026-03-10T01:00:00Z'),
      end: new Date('2026-03-10T03:00:00Z'),
    });
    // Activities still under review or refused by the moderator were never held.
    for (const status of ['under_review', 'rejected'] as const) {
      const { activity } = await buildActivityWithShift({
        team,
        createdBy: admin.user.id,
        start: new Date('2026-03-12T01:00:00Z'),
        end: new Date('2026-03-12T03:00:00Z'),
      });
      await Activity.updateOne({ _id: activity._id }, { $set: { status } });
    }
    // The ledger was written directly (no events): the rollups are rebuilt from it, as at start.
    await rebuildHoursRollups();
    const path = `/api/teams/${String(team._id)}/stats`;
    expect((await ctx.http.get(path)).status).toBe(401);
    const bad = await ctx.http.get(path).query({ from: '2026-05', to: '2026-02' }).set('Authorization', admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'to', message: '开始月份不能晚于结束月份' }]);
    const badMonth = await ctx.http.get(path).query({ from: '2026-13' }).set('Authorization', admin.auth);
    expect(badMonth.body.error.fields).toEqual([{ path: 'from', message: '月份格式应为 YYYY-MM' }]);
    const other = await buildResident(ctx);
    expect((await ctx.http.get(path).set('Authorization', other.auth)).status).toBe(403);

    const ok = await ctx.http.get(path).query({ from: '2026-01', to: '2026-03' }).set('Authorization', admin.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.rows).toEqual([
      expect.objectContaining({ key: '2026-01', volunteers: 0, minutes: 0, activitiesHeld: 0 }),
      expect.objectContaining({ key: '2026-02', volunteers: 2, minutes: 150, hours: '2.5', activitiesServed: 1 }),
      expect.objectContaining({ key: '2026-03', volunteers: 1, minutes: 30, activitiesServed: 1, activitiesHeld: 1 }),
    ]);
    expect(ok.body.totals).toEqual({ volunteers: 2, minutes: 180, hours: '3', activitiesServed: 2, activitiesHeld: 1 });
    expect(ok.body.scope).toEqual({ type: 'team', teamId: String(team._id), name: team.name });

    const csv = await ctx.http
      .get(`${path}.csv`)
      .query({ from: '2026-01', to: '2026-03' })
      .set('Authorization', admin.auth)
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('月份,志愿者人数,服务时长（小时）,服务分钟数,有服务记录的活动数,举办活动数');
    expect(lines[2]).toBe('2026-02,2,2.5,150,1,0');
    expect(lines[4]).toBe('合计,2,3,180,2,1');
  });

  it('district stats by team: 403 for a team admin, 200 for the district admin, team names safe in CSV', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    await Team.updateOne({ _id: team._id }, { $set: { name: '=HYPERLINK("http://x")' } });
    await serve(new Types.ObjectId(), team._id, new Types.ObjectId(), '2026-04-10T02:00:00Z', 45);
    await rebuildHoursRollups();
    expect((await ctx.http.get('/api/admin/volunteering/stats').set('Authorization', admin.auth)).status).toBe(403);
    const district = await buildDistrictAdmin(ctx);
    const ok = await ctx.http
      .get('/api/admin/volunteering/stats')
      .query({ from: '2026-04', to: '2026-04', by: 'team' })
      .set('Authorization', district.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: String(team._id), label: '=HYPERLINK("http://x")', minutes: 45 }),
      ]),
    );
    // Read from the collection's size: it moves with each registration.
    await buildVolunteer(ctx);
    await buildVolunteer(ctx);
    const later = await ctx.http.get('/api/admin/volunteering/stats').set('Authorization', district.auth);
    expect(later.body.registeredVolunteers).toBe(ok.body.registeredVolunteers + 2);
    expect(ok.body.certifiedTeams).toBeGreaterThan(0);
    const csv = await ctx.http
      .get('/api/admin/volunteering/stats.csv')
      .query({ from: '2026-04', to: '2026-04', by: 'team' })
      .set('Authorization', district.auth);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('escapes CSV cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
