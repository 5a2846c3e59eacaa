import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { buildVerifiedResident } from '../../../../test/support/factories-realname';
import { buildTeamWithAdmin } from '../attendance/fixtures';
import { downloadPdf, serveHours } from './test-fixtures';
import { issueSerial } from './serial';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('certificates', () => {
  it('401 → 400 → 403 (no real name) → 409 (no hours) → 201, then PDF download and public verification', async () => {
    const { team } = await buildTeamWithAdmin(ctx);
    expect((await ctx.http.post('/api/me/certificates').send({})).status).toBe(401);
    const unverified = await buildResident(ctx);
    const bad = await ctx.http.post('/api/me/certificates').set('Authorization', unverified.auth).send({ teamId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'teamId', message: '编号格式不正确' }]);
    const noName = await ctx.http.post('/api/me/certificates').set('Authorization', unverified.auth).send({});
    expect(noName.status).toBe(403);
    expect(noName.body.error.code).toBe('real_name_required');

    const v = await buildVerifiedResident(ctx);
    const none = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({});
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('certificate_no_hours');

    await serveHours(v.user.id, team._id, '社区清洁日', 180);
    await serveHours(v.user.id, team._id, '助老探访', 90);
    await serveHours(v.user.id, team._id, '未确认的活动', 60, 'pending');
    const ok = await ctx.http
      .post('/api/me/certificates')
      .set('Authorization', v.auth)
      .send({ teamId: String(team._id) });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'issued',
      listedUntil: null,
      totalMinutes: 270,
      totalHours: '4.5',
      issuer: { type: 'team', name: team.name, teamId: String(team._id), personInCharge: '', contact: '' },
      holder: {
        nameMasked: v.user.realName!.nameMasked,
        idType: '居民身份证',
        idNumberMasked: v.user.realName!.idNumberMasked,
        volunteerNo: null,
      },
    });
    expect(ok.body.services).toEqual([
      expect.objectContaining({ activityTitle: '社区清洁日', teamName: team.name, date: '2026-03-08', hours: '3' }),
      expect.objectContaining({ activityTitle: '助老探访', hours: '1.5' }),
    ]);
    expect(ok.body.serial).toMatch(/^LL-\d{8}-[0-9A-Z]{8}-[0-9A-Z]$/);
    // DECISIONS (Forms and screens): the holder's own copy shows their full name; the ID number stays masked.
    expect(ok.body.holder.name).toBe(v.name);
    expect(JSON.stringify(ok.body)).not.toContain(v.idNumber);

    const pdf = await downloadPdf(ctx, ok.body.pdfPath, v.auth);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await ctx.http.get(ok.body.pdfPath).set('Authorization', unverified.auth)).status).toBe(404);

    const verify = await ctx.http.get(`/api/certificates/${encodeURIComponent(ok.body.serial.toLowerCase())}/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({
      authentic: true,
      serial: ok.body.serial,
      holderNameMasked: v.user.realName!.nameMasked,
      totalMinutes: 270,
      totalHours: '4.5',
      issuer: team.name,
      issuedAt: ok.body.issuedAt,
    });
    // Only the public verification masks the name.
    expect(JSON.stringify(verify.body)).not.toContain(v.name);
    const mine = await ctx.http.get('/api/me/certificates').set('Authorization', v.auth);
    expect(mine.body.items.map((c: { serial: string }) => c.serial)).toEqual([ok.body.serial]);
    expect(mine.body.items[0].holder.name).toBe(v.name);
  });

  it('when the serial is well-formed but unknown, verification says not found; when mistyped, it says so', async () => {
    const unknown = await ctx.http.get(`/api/certificates/${issueSerial(new Date())}/verify`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'certificate_not_found',
      message: '未找到该编号的证明，请核对编号',
    });
    const typo = await ctx.http.get('/api/certificates/LL-20260101-AAAAAAAA-0/verify');
    expect(typo.status).toBe(400);
    expect(typo.body.error.fields).toEqual([{ path: 'serial', message: '证明编号有误，请核对后重新输入' }]);
  });

  it('when issued for the district, all teams count and the issuer is the district body', async () => {
    const a = await buildTeamWithAdmin(ctx);
    const b = await buildTeamWithAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await serveHours(v.user.id, a.team._id, '活动甲', 60);
    await serveHours(v.user.id, b.team._id, '活动乙', 45);
    const ok = await ctx.http.post('/api/me/certificates').set('Authorization', v.auth).send({});
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ totalMinutes: 105, issuer: { type: 'district', teamId: null } });
    expect(ok.body.issuer.name.length).toBeGreaterThan(0);
  });
});
