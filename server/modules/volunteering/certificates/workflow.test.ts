import { Types } from 'mongoose';
import sharp from 'sharp';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { AuditEntry } from '../../audit/model';
import { Notification } from '../../notifications/model';
import { buildTeamWithAdmin } from '../attendance/fixtures';
import { downloadPdf, serveHours } from './test-fixtures';
import { TeamMembership } from '../teams';
import { CertificateSettings } from './model';

let ctx: TestContext;
// deps.now() runs this far ahead of the wall clock (the 7 days of 公示).
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext({ now });
});
afterAll(async () => {
  await ctx.close();
});
afterEach(async () => {
  await CertificateSettings.deleteMany({});
  offsetMs = 0;
});

const settings = (auth: string | null, body: unknown) => {
  const req = ctx.http.put('/api/admin/certificate-settings');
  return (auth ? req.set('Authorization', auth) : req).send(body as object);
};

describe('certificate settings (district admin)', () => {
  it('401 → 400 → 403 → 200: saved, read back, audited; the district certificate carries 负责人, 经办人 and 联系方式', async () => {
    expect((await settings(null, {})).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await settings(admin.auth, { personInCharge: '张'.repeat(31), requireConfirmation: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    const { admin: teamAdmin } = await buildTeamWithAdmin(ctx);
    expect((await settings(teamAdmin.auth, {})).status).toBe(403);

    const body = {
      issuerName: '示范区志愿服务指导中心',
      personInCharge: '周主任',
      handler: '吴干事',
      contact: '021-12345678',
    };
    const ok = await settings(admin.auth, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ...body, requireConfirmation: false, publicListing: false, seal: 'placeholder' });
    expect((await ctx.http.get('/api/admin/certificate-settings').set('Authorization', admin.auth)).body).toEqual(
      ok.body,
    );
    expect(
      await AuditEntry.countDocuments({ action: 'certificate.settings_changed', 'actor.id': admin.user.id }),
    ).toBe(1);

    const { team } = await buildTeamWithAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await serveHours(v.user.id, team._id, '社区清洁日', 120);
    const cert = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({});
    expect(cert.body.issuer).toMatchObject({
      type: 'district',
      ...{ name: body.issuerName, personInCharge: '周主任', handler: '吴干事', contact: '021-12345678' },
    });
  });
});

describe('the issuer seal', () => {
  it('when the district admin uploads a PNG seal, settings say configured and the PDF embeds it; a text file is refused', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const png = await sharp({
      create: { width: 200, height: 200, channels: 4, background: { r: 208, g: 2, b: 27, alpha: 0.8 } },
    })
      .png()
      .toBuffer();
    const bad = await ctx.http
      .post('/api/admin/certificate-settings/seal')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('not an image'));
    expect(bad.status).toBe(415);
    const ok = await ctx.http
      .post('/api/admin/certificate-settings/seal')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'image/png')
      .send(png);
    expect(ok.status).toBe(200);
    expect(ok.body.seal).toBe('configured');
    expect(
      await AuditEntry.countDocuments({ action: 'certificate.settings_changed', 'actor.id': admin.user.id }),
    ).toBe(1);

    const { team } = await buildTeamWithAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await serveHours(v.user.id, team._id, '社区清洁日', 60);
    const cert = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({});
    const pdf = await downloadPdf(ctx, cert.body.pdfPath, v.auth);
    expect(pdf.status).toBe(200);
    // An embedded raster image (the seal) besides the QR code: two image XObjects.
    expect((pdf.body as Buffer).toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});

describe('confirmation before issue and the 7-day 公示', () => {
  it('when confirmation and 公示 are required: pending → the team admin confirms (and is its 经办人) → listed for 7 days (members see it, masked; no PDF, not verifiable) → issued after', async () => {
    const admin = await buildDistrictAdmin(ctx);
    await settings(admin.auth, { requireConfirmation: true, publicListing: true });
    const { team, admin: teamAdmin } = await buildTeamWithAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await serveHours(v.user.id, team._id, '社区清洁日', 180);

    const req = await ctx.http
      .post('/api/me/certificates')
      .set('Authorization', v.auth)
      .send({ teamId: String(team._id) });
    expect(req.status).toBe(201);
    expect(req.body.status).toBe('pending');
    const serial = req.body.serial as string;
    expect((await ctx.http.get(`/api/certificates/${serial}/verify`)).status).toBe(404);
    expect((await ctx.http.get(req.body.pdfPath).set('Authorization', v.auth)).status).toBe(409);

    // The queue: the team's admin sees it; the volunteer may not decide.
    const queue = await ctx.http
      .get('/api/certificates/pending')
      .query({ teamId: String(team._id) })
      .set('Authorization', teamAdmin.auth);
    expect(queue.body.items.map((i: { serial: string }) => i.serial)).toContain(serial);
    expect(JSON.stringify(queue.body)).not.toContain(v.name);
    const decide = (auth: string, body: unknown) =>
      ctx.http
        .post(`/api/certificates/${serial}/decision`)
        .set('Authorization', auth)
        .send(body as object);
    expect((await decide(v.auth, { decision: 'confirm' })).status).toBe(403);
    const noReason = await decide(teamAdmin.auth, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: '驳回时请填写理由' }]);

    const confirmed = await decide(teamAdmin.auth, { decision: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('listed');
    // The team names no 经办人 of its own: the admin who confirmed is the one on the paper.
    expect(confirmed.body.issuer.handler).toBe(teamAdmin.user.displayName);
    const until = new Date(confirmed.body.listedUntil).getTime();
    expect(Math.abs(until - now().getTime() - 7 * 86_400_000)).toBeLessThan(60_000);
    expect((await decide(teamAdmin.auth, { decision: 'confirm' })).status).toBe(409);
    expect(await AuditEntry.countDocuments({ action: 'certificate.confirmed', 'target.id': serial })).toBe(1);
    const note = await Notification.findOne({
      user: new Types.ObjectId(v.user.id),
      dedupeKey: { $regex: `^certificate_decided:${serial}` },
    }).lean();
    expect(note?.title).toBe('您的志愿服务记录证明已确认');

    // 公示: a member of the team sees it (masked); a resident outside the team may not look.
    const member = await buildResident(ctx);
    await TeamMembership.create({
      team: team._id,
      user: new Types.ObjectId(member.user.id),
      status: 'active',
      role: 'member',
    });
    const listed = await ctx.http
      .get('/api/certificates/listed')
      .query({ teamId: String(team._id) })
      .set('Authorization', member.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ serial, holderNameMasked: v.user.realName!.nameMasked, totalHours: '3' }),
    ]);
    const outsider = await buildResident(ctx);
    expect(
      (
        await ctx.http
          .get('/api/certificates/listed')
          .query({ teamId: String(team._id) })
          .set('Authorization', outsider.auth)
      ).status,
    ).toBe(403);
    expect((await ctx.http.get(`/api/certificates/${serial}/verify`)).status).toBe(404);

    // Seven days later it is issued: verifiable and downloadable; off the 公示 list.
    offsetMs = 7 * 86_400_000 + 60_000;
    const verify = await ctx.http.get(`/api/certificates/${serial}/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body.holderNameMasked).toBe(v.user.realName!.nameMasked);
    const mine = await ctx.http.get('/api/me/certificates').set('Authorization', v.auth);
    expect(mine.body.items[0]).toMatchObject({ serial, status: 'issued', holder: { name: v.name } });
    expect((await ctx.http.get(req.body.pdfPath).set('Authorization', v.auth)).status).toBe(200);
    const after = await ctx.http
      .get('/api/certificates/listed')
      .query({ teamId: String(team._id) })
      .set('Authorization', member.auth);
    expect(after.body.items).toEqual([]);
  });

  it('when the district admin rejects a pending certificate with a reason, it is rejected, audited, and the volunteer is told why', async () => {
    const admin = await buildDistrictAdmin(ctx);
    await settings(admin.auth, { requireConfirmation: true });
    const { team } = await buildTeamWithAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await serveHours(v.user.id, team._id, '社区清洁日', 60);
    const req = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({});
    const r = await ctx.http
      .post(`/api/certificates/${req.body.serial}/decision`)
      .set('Authorization', admin.auth)
      .send({ decision: 'reject', reason: '时长记录待核实' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'rejected', rejectReason: '时长记录待核实' });
    expect(await AuditEntry.countDocuments({ action: 'certificate.rejected', 'target.id': req.body.serial })).toBe(1);
    const note = await Notification.findOne({
      user: new Types.ObjectId(v.user.id),
      title: '您的志愿服务记录证明未通过',
    }).lean();
    expect(note?.body).toContain('时长记录待核实');
  });
});
