import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { createTestContext, type TestContext } from '../../../test/support';
import { AuditEntry } from '../audit/model';
import { recordHoursEntry } from './hours/commands/record-entry';
import { HelpRequest } from './help-requests/model';
import { Signup, VolunteerSchedule } from './signups/model';
import { activityInput, buildActivity, buildCertifiedTeam, buildVolunteer } from './teams/api-testing';
import { TeamMembership } from './teams/model';
import { Volunteer } from './volunteers/model';
import { Shift } from './activities/model';
import { galleryDir } from './gallery/commands/upload-photo';
import { Photo } from './gallery/model';
import { eraseVolunteeringData } from './privacy';
import { OutboxEvent } from '../../platform/outbox/model';

let ctx: TestContext;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function serve(userId: string, teamId: string, minutes: number): Promise<void> {
  const activity = new Types.ObjectId();
  await recordHoursEntry({
    user: new Types.ObjectId(userId),
    team: new Types.ObjectId(teamId),
    activity,
    shift: null,
    signup: null,
    activityTitle: '社区清洁日',
    serviceDate: new Date('2026-03-08T01:00:00Z'),
    minutes,
    source: 'checkin',
    status: 'confirmed',
    dedupeKey: `test:${activity.toHexString()}`,
    createdBy: null,
    at: new Date(),
  });
}

const deleteAccount = async (auth: string): Promise<void> => {
  const res = await ctx.http.delete('/api/me').set('Authorization', auth);
  expect(res.status).toBe(204);
};

describe('DELETE /api/me (volunteering)', () => {
  it('when a confirmed volunteer deletes their account, their place goes to the first waitlisted and their profile is erased', async () => {
    const team = await buildCertifiedTeam(ctx);
    const one = activityInput(team.teamId, ctx.deps.now()).shifts[0];
    const activity = await buildActivity(ctx, team, { shifts: [{ ...one, capacity: 1 }] });
    const shiftId = activity.shiftIds[0];
    const leaver = await buildVolunteer(ctx, {
      skills: ['急救'],
      serviceAreas: ['阳光社区'],
      availability: [{ weekday: 6, from: '09:00', to: '12:00' }],
      intro: '退休护士，周末有空',
    });
    const first = await buildVolunteer(ctx);
    const second = await buildVolunteer(ctx);
    const placed = await ctx.http.post(`/api/shifts/${shiftId}/signups`).set('Authorization', leaver.auth).send({ note: '电话 13800000000，待审词' });
    expect(placed.body.outcome).toBe('confirmed');
    expect((await ctx.http.post(`/api/shifts/${shiftId}/signups`).set('Authorization', first.auth).send({})).body.outcome).toBe(
      'waitlisted',
    );
    expect((await ctx.http.post(`/api/shifts/${shiftId}/signups`).set('Authorization', second.auth).send({})).body.outcome).toBe(
      'waitlisted',
    );
    const volunteerNo = (await Volunteer.findOne({ user: leaver.user.id }).lean())!.volunteerNo;
    // A later intro still held for review and a join message held for review are their words too.
    await Volunteer.updateOne({ user: leaver.user.id }, { $set: { heldIntro: { text: '待审核的新简介', at: new Date() } } });
    await TeamMembership.create({
      team: team.teamId,
      user: leaver.user.id,
      role: 'member',
      status: 'pending',
      message: '',
      heldMessage: '想加入，电话 13800000000',
    });

    await deleteAccount(leaver.auth);

    const mine = await ctx.http.get('/api/volunteers/me/signups').set('Authorization', first.auth);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain('"offered"');
    const byUser = async (id: string) => (await Signup.findOne({ shift: shiftId, user: id }).lean())!;
    expect((await byUser(first.user.id)).status).toBe('offered');
    expect((await byUser(second.user.id)).status).toBe('waitlisted');
    const gone = await byUser(leaver.user.id);
    expect(gone.status).toBe('cancelled');
    expect(gone.activeKey).toBeUndefined();
    expect(gone).toMatchObject({ note: '' });
    expect(gone.noteHeld).toBeUndefined();
    expect((await VolunteerSchedule.findOne({ user: leaver.user.id }).lean())!.slots).toEqual([]);

    const profile = (await Volunteer.findOne({ user: leaver.user.id }).lean())!;
    expect(profile).toMatchObject({ volunteerNo, skills: [], serviceAreas: [], availability: [], intro: '' });
    expect(profile.deletedAt).toBeInstanceOf(Date);
    expect(profile.heldIntro).toBeUndefined();
    const membership = (await TeamMembership.findOne({ user: leaver.user.id }).lean())!;
    expect(membership).toMatchObject({ status: 'left', message: '' });
    expect(membership.heldMessage).toBeUndefined();

    // A retry (e.g. after a crash) changes nothing more and gives away no second place.
    await eraseVolunteeringData(new Types.ObjectId(leaver.user.id), ctx.deps.now(), ctx.deps);
    expect((await byUser(second.user.id)).status).toBe('waitlisted');
    expect((await Shift.findById(shiftId).lean())).toMatchObject({ confirmedCount: 1, waitingCount: 1 });
  });

  it('when a volunteer with a certificate deletes their account, their certificate no longer verifies as valid', async () => {
    const team = await buildCertifiedTeam(ctx);
    const v = await buildVolunteer(ctx);
    await serve(v.user.id, team.teamId, 120);
    const issued = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({ teamId: team.teamId });
    expect(issued.status).toBe(201);
    const serial = issued.body.serial as string;
    expect((await ctx.http.get(`/api/certificates/${serial}/verify`)).status).toBe(200);

    await deleteAccount(v.auth);

    const verify = await ctx.http.get(`/api/certificates/${serial}/verify`);
    expect(verify.status).toBe(410);
    expect(verify.body.error.code).toBe('certificate_revoked');
    expect(JSON.stringify(verify.body)).not.toContain('authentic');
  });

  it('when a volunteer deletes their account, their confirmed hours stay in the team\'s totals', async () => {
    const team = await buildCertifiedTeam(ctx);
    const v = await buildVolunteer(ctx);
    await serve(v.user.id, team.teamId, 90);
    const before = await ctx.http.get(`/api/teams/${team.teamId}/hours/summary`);
    expect(before.body.confirmedMinutes).toBe(90);

    await deleteAccount(v.auth);

    const after = await ctx.http.get(`/api/teams/${team.teamId}/hours/summary`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  });

  it('when a resident with a help request deletes their account, the help request is closed and its text is erased', async () => {
    const v = await buildVolunteer(ctx);
    const posted = await ctx.http
      .post('/api/help-requests')
      .set('Authorization', v.auth)
      .send({
        category: 'elderly_care',
        description: '家中老人行动不便，需要帮忙买药',
        address: '阳光小区 3 号楼 502 室',
        location: { lng: 121.4737, lat: 31.2304 },
        neededAt: new Date(ctx.deps.now().getTime() + 48 * 3600_000).toISOString(),
      });
    expect(posted.status).toBe(201);

    await deleteAccount(v.auth);

    const doc = (await HelpRequest.findById(posted.body.request.id).lean())!;
    expect(doc.status).toBe('closed');
    expect(doc.closedAt).toBeInstanceOf(Date);
    expect(doc.description).toBe('');
    expect(doc.address).toBe('');
    expect(doc.location).toBeUndefined();
    expect((await ctx.http.get(`/api/help-requests/${posted.body.request.id}`)).text).not.toContain('买药');
  });

  it('when the sole admin of a team deletes their account, the team stays and the membership ends with a note in the audit', async () => {
    const team = await buildCertifiedTeam(ctx);
    const membership = await TeamMembership.findOne({ team: team.teamId, user: team.admin.user.id }).lean();
    expect(membership).toMatchObject({ role: 'admin', status: 'active' });

    await deleteAccount(team.admin.auth);

    expect((await TeamMembership.findById(membership!._id).lean())!.status).toBe('left');
    expect((await ctx.http.get(`/api/teams/${team.teamId}`)).status).toBe(200);
    const audit = await AuditEntry.findOne({ action: 'volunteering.team_member.left', 'target.id': String(membership!._id) }).lean();
    expect(JSON.stringify(audit)).toContain('唯一管理员');
    expect(await OutboxEvent.countDocuments({ type: 'membership.left', aggregate: `membership:${String(membership!._id)}`, status: 'delivered' })).toBe(1);
  });
});

describe('GET /api/me/export (volunteering)', () => {
  it('when a volunteer exports their data, it contains the volunteer profile, signups, hours, certificate serials, help requests and photos; on deletion the photos are hidden and their files removed', async () => {
    const team = await buildCertifiedTeam(ctx);
    const activity = await buildActivity(ctx, team);
    const v = await buildVolunteer(ctx, { intro: '喜欢和老人聊天' });
    await ctx.http.post(`/api/shifts/${activity.shiftIds[0]}/signups`).set('Authorization', v.auth).send({});
    await serve(v.user.id, team.teamId, 60);
    const cert = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({ teamId: team.teamId });
    await ctx.http
      .post('/api/help-requests')
      .set('Authorization', v.auth)
      .send({
        category: 'daily_errands',
        description: '需要帮忙搬运一些旧家具',
        address: '阳光小区 5 号楼',
        neededAt: new Date(ctx.deps.now().getTime() + 48 * 3600_000).toISOString(),
      });

    // Gallery uploads need WeChat's image check; the stored result is what matters here.
    const rel = `${new Types.ObjectId().toHexString()}.jpg`;
    const file = path.join(galleryDir(ctx.deps), rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.from('not really a jpeg'));
    const photo = await Photo.create({
      activity: new Types.ObjectId(activity.id),
      team: new Types.ObjectId(team.teamId),
      uploader: new Types.ObjectId(v.user.id),
      file: rel,
      mime: 'image/jpeg',
      bytes: 17,
      sha256: 'x'.repeat(64),
      status: 'visible',
      fetchKey: `fk${new Types.ObjectId().toHexString()}`,
      createdAt: ctx.deps.now(),
    });

    const res = await ctx.http.get('/api/me/export').set('Authorization', v.auth);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.text);
    expect(data.other.volunteers).toEqual([expect.objectContaining({ intro: '喜欢和老人聊天' })]);
    expect(data.other.signups).toEqual([expect.objectContaining({ status: 'confirmed', shift: activity.shiftIds[0] })]);
    expect(data.other.hours_entries).toEqual([expect.objectContaining({ minutes: 60, status: 'confirmed' })]);
    expect(data.other.certificates).toEqual([expect.objectContaining({ serial: cert.body.serial })]);
    expect(data.other.help_requests).toEqual([expect.objectContaining({ description: '需要帮忙搬运一些旧家具' })]);
    expect(data.volunteering).toEqual({
      photos: [expect.objectContaining({ id: String(photo._id), activityId: activity.id, status: 'visible' })],
    });
    expect(res.text).not.toContain(v.idNumber);
    expect(res.text).not.toContain(photo.fetchKey);

    await deleteAccount(v.auth);
    expect((await Photo.findById(photo._id).lean())).toMatchObject({ status: 'hidden', hiddenReason: 'uploader_deleted' });
    expect(existsSync(file)).toBe(false);
    expect((await ctx.http.get(`/api/gallery/photos/${String(photo._id)}/file`)).status).toBe(404);
  });
});
