import mongoose from 'mongoose';
import {
  createTestContext,
  buildResident,
  buildStaff,
  buildDistrictAdmin,
  type TestContext,
} from '../../../test/support';
import { buildVerifiedResident, validIdNumber } from '../../../test/support/factories-realname';
import { User } from '../users/model';
import { AuditEntry } from '../audit/model';
import { decryptField, hashIdNumber } from './crypto';
import { maskName } from './mask';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/me/real-name', () => {
  it('when no token is sent, answers 401', async () => {
    const res = await ctx.http.post('/api/me/real-name').send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('when fields are missing or invalid, answers 400 with the field messages', async () => {
    const r = await buildResident(ctx);
    const missing = await ctx.http.post('/api/me/real-name').set('Authorization', r.auth).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '请输入真实姓名' },
        { path: 'idNumber', message: '请输入身份证号' },
      ]),
    );
    const bad = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: 'Zhang San', idNumber: '110105194912310021' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '姓名只能是汉字，少数民族姓名各部分之间用“·”隔开' },
        { path: 'idNumber', message: '身份证号校验位不正确，请核对' },
      ]),
    );
    const badDate = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: '张三', idNumber: validIdNumber({ birth: '19490230' }) });
    expect(badDate.body.error.fields).toEqual([{ path: 'idNumber', message: '身份证号中的出生日期无效' }]);
    const tooOld = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: '张三', idNumber: validIdNumber({ birth: '19000101' }) });
    expect(tooOld.body.error.fields).toEqual([{ path: 'idNumber', message: '身份证号中的出生日期无效' }]);
    const badRegion = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: '张三', idNumber: validIdNumber({ area: '990101' }) });
    expect(badRegion.body.error.fields).toEqual([{ path: 'idNumber', message: '身份证号前 6 位的地区码无效，请核对' }]);
  });

  it('when the user has not agreed to the privacy policy, answers 403 consent_required', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: '张三', idNumber: validIdNumber() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('consent_required');
  });

  it('when valid, stores name and ID encrypted and answers with masked values only', async () => {
    const r = await buildResident(ctx);
    const idNumber = validIdNumber({ birth: '19900307', area: '110101' });
    const res = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', r.auth)
      .send({ name: '张小三', idNumber: ` ${idNumber.toLowerCase()} ` });
    expect(res.status).toBe(200);
    expect(res.body.user.realName).toEqual({
      nameMasked: '张*三',
      idNumberMasked: `1101**********${idNumber.slice(-4)}`,
      verifiedAt: expect.any(String),
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('张小三');

    const raw = await mongoose.connection
      .db!.collection('users')
      .findOne({ _id: new mongoose.Types.ObjectId(r.user.id) });
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(idNumber);
    expect(rawText).not.toContain(idNumber.slice(0, 14));
    expect(rawText).not.toContain('张小三');
    expect(raw!.realName.idNumberEnc).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName.idNumberEnc)).toBe(idNumber);
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName.nameEnc)).toBe('张小三');
    expect(raw!.realName.idNumberHash).toBe(hashIdNumber(ctx.config.LINLI_ID_HASH_KEY, idNumber));
  });

  it('when verified already, answers 409 already_verified', async () => {
    const v = await buildVerifiedResident(ctx);
    const res = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', v.auth)
      .send({ name: '李四', idNumber: validIdNumber() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_verified');
  });

  it('when another account holds the same ID, answers 409 id_number_taken', async () => {
    const v = await buildVerifiedResident(ctx);
    const other = await buildResident(ctx);
    const res = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', other.auth)
      .send({ name: v.name, idNumber: v.idNumber });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('id_number_taken');
    const doc = await User.findById(other.user.id).lean();
    expect(doc!.realName).toBeUndefined();
  });

  it('when two accounts submit the same ID at the same time, exactly one wins', async () => {
    const idNumber = validIdNumber();
    const residents = await Promise.all([0, 1, 2, 3].map(() => buildResident(ctx)));
    const answers = await Promise.all(
      residents.map((r) =>
        ctx.http.post('/api/me/real-name').set('Authorization', r.auth).send({ name: '王五', idNumber }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('id_number_taken');
    const holders = await User.countDocuments({
      'realName.idNumberHash': hashIdNumber(ctx.config.LINLI_ID_HASH_KEY, idNumber),
    });
    expect(holders).toBe(1);
  });
});

describe('GET /api/admin/users/:id/personal', () => {
  it('when no token is sent, answers 401', async () => {
    const res = await ctx.http.get('/api/admin/users/0123456789abcdef01234567/personal');
    expect(res.status).toBe(401);
  });

  it('when the id is malformed, answers 400', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http.get('/api/admin/users/nope/personal').set('Authorization', admin.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'id', message: '编号格式不正确' }]);
  });

  it('when the caller is not a district admin, answers 403', async () => {
    const v = await buildVerifiedResident(ctx);
    const dispatcher = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    for (const auth of [v.auth, dispatcher.auth]) {
      const res = await ctx.http.get(`/api/admin/users/${v.user.id}/personal`).set('Authorization', auth);
      expect(res.status).toBe(403);
    }
  });

  it('when the user does not exist, answers 404', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http
      .get('/api/admin/users/0123456789abcdef01234567/personal')
      .set('Authorization', admin.auth);
    expect(res.status).toBe(404);
  });

  it('when a district admin looks, answers name and phone with the ID masked, and audits the view', async () => {
    const v = await buildVerifiedResident(ctx, { phone: '13812345678' });
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http.get(`/api/admin/users/${v.user.id}/personal`).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      realName: v.name,
      phone: '13812345678',
      idNumberMasked: `${v.idNumber.slice(0, 4)}**********${v.idNumber.slice(-4)}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(v.idNumber);
    const entries = await AuditEntry.find({ action: 'personal_data.viewed', 'target.id': v.user.id }).lean();
    expect(entries).toHaveLength(1);
    expect(String(entries[0].actor.id)).toBe(admin.user.id);
    expect(entries[0].actor.displayName).toBe(admin.user.displayName);
    expect(entries[0].requestId).toBeTruthy();

    await ctx.http.get(`/api/admin/users/${v.user.id}/personal`).set('Authorization', admin.auth);
    expect(await AuditEntry.countDocuments({ action: 'personal_data.viewed', 'target.id': v.user.id })).toBe(2);
  });
});

describe('maskName', () => {
  it('keeps the first character (and the last for 3+ characters)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
});
