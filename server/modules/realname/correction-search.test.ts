import {
  createTestContext,
  buildResident,
  buildDistrictAdmin,
  buildStaff,
  type TestContext,
} from '../../../test/support';
import { buildVerifiedResident, validIdNumber } from '../../../test/support/factories-realname';
import { AuditEntry } from '../audit/model';
import { Notification } from '../notifications/model';
import { User } from '../users/model';
import { backfillSearchHashes } from './backfill';
import { decryptField, hashIdNumber } from './crypto';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const correct = (auth: string | null, id: string, body: unknown) => {
  const req = ctx.http.post(`/api/admin/users/${id}/real-name`);
  return (auth ? req.set('Authorization', auth) : req).send(body as object);
};

describe('POST /api/admin/users/:id/real-name (the audited correction)', () => {
  it('when no token is sent, answers 401', async () => {
    const v = await buildVerifiedResident(ctx);
    expect((await correct(null, v.user.id, {})).status).toBe(401);
  });

  it('when the name, ID and reason are all wrong, answers 400 with the three field messages at once', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    const res = await correct(admin.auth, v.user.id, { name: '张', idNumber: '99010519800101002X', reason: '' });
    expect(res.status).toBe(400);
    const paths = (res.body.error.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['idNumber', 'name', 'reason']);
  });

  it('when a team admin or the volunteer tries, answers 403 and nothing changes', async () => {
    const v = await buildVerifiedResident(ctx);
    const teamAdmin = await buildStaff(ctx, { roles: [{ role: 'team_admin', scopeType: 'team', scopeId: 'x' }] });
    const body = { name: '王五', idNumber: validIdNumber(), reason: '录入错误' };
    expect((await correct(teamAdmin.auth, v.user.id, body)).status).toBe(403);
    expect((await correct(v.auth, v.user.id, body)).status).toBe(403);
    const raw = await User.findById(v.user.id).lean();
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName!.nameEnc)).toBe(v.name);
  });

  it('when the district admin corrects name and ID with a reason, both are re-encrypted, audited with masks only, and the volunteer is told', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const v = await buildVerifiedResident(ctx, { name: '张晓明' });
    const before = await User.findById(v.user.id).lean();
    const newId = validIdNumber({ area: '320102' });
    const res = await correct(admin.auth, v.user.id, {
      name: '张小明',
      idNumber: newId,
      reason: '身份证复印件核对：姓名录入错误',
    });
    expect(res.status).toBe(200);
    expect(res.body.user.realName).toMatchObject({
      nameMasked: '张*明',
      idNumberMasked: `${newId.slice(0, 4)}**********${newId.slice(-4)}`,
    });

    const raw = await User.findById(v.user.id).lean();
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName!.nameEnc)).toBe('张小明');
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName!.idNumberEnc)).toBe(newId);
    expect(raw!.realName!.idNumberEnc).not.toBe(before!.realName!.idNumberEnc);
    expect(raw!.realName!.idNumberHash).toBe(hashIdNumber(ctx.config.LINLI_ID_HASH_KEY, newId));
    expect(raw!.realName!.verifiedAt).toEqual(before!.realName!.verifiedAt);

    const audit = await AuditEntry.findOne({ action: 'realname.corrected', 'target.id': v.user.id }).lean();
    expect(audit).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain('张小明');
    expect(JSON.stringify(audit)).not.toContain(newId);
    expect(audit!.after).toMatchObject({ nameMasked: '张*明', reason: '身份证复印件核对：姓名录入错误' });

    const inbox = await Notification.findOne({ user: raw!._id, channel: 'inbox', title: '您的实名信息已更正' }).lean();
    expect(inbox?.body).toContain('身份证复印件核对');

    // The old ID is free again; the new one belongs to this account.
    const other = await buildResident(ctx);
    const reuse = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', other.auth)
      .send({ name: '李四', idNumber: v.idNumber });
    expect(reuse.status).toBe(200);
  });

  it('when the new ID belongs to another account, answers 409 id_number_taken on the field and keeps the old identity', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const a = await buildVerifiedResident(ctx);
    const b = await buildVerifiedResident(ctx);
    const res = await correct(admin.auth, a.user.id, { name: a.name, idNumber: b.idNumber, reason: '核对' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('id_number_taken');
    expect(res.body.error.fields).toEqual([{ path: 'idNumber', message: '该身份证号已被其他账号实名认证' }]);
    const raw = await User.findById(a.user.id).lean();
    expect(decryptField([ctx.config.LINLI_ID_ENC_KEY], raw!.realName!.idNumberEnc)).toBe(a.idNumber);
    expect(await AuditEntry.countDocuments({ action: 'realname.corrected', 'target.id': a.user.id })).toBe(0);
  });

  it('when the user is not verified or nothing changes, answers 409 with its reason', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const r = await buildResident(ctx);
    const notVerified = await correct(admin.auth, r.user.id, {
      name: '王五',
      idNumber: validIdNumber(),
      reason: '核对',
    });
    expect(notVerified.status).toBe(409);
    expect(notVerified.body.error.message).toBe('该用户尚未实名认证，无需更正');
    const v = await buildVerifiedResident(ctx);
    const same = await correct(admin.auth, v.user.id, { name: v.name, idNumber: v.idNumber, reason: '核对' });
    expect(same.status).toBe(409);
    expect(same.body.error.message).toBe('姓名和身份证号与现有信息相同，未作更正');
  });
});

describe('GET /api/admin/user-search (exact match through keyed hashes, audited)', () => {
  const search = (auth: string | null, q: Record<string, string>) => {
    const req = ctx.http.get('/api/admin/user-search').query(q);
    return auth ? req.set('Authorization', auth) : req;
  };

  it('when no token is sent, answers 401; a bad query, 400 on q; a volunteer, 403', async () => {
    expect((await search(null, { by: 'phone', q: '13800000000' })).status).toBe(401);
    const admin = await buildDistrictAdmin(ctx);
    const bad = await search(admin.auth, { by: 'phone', q: '1380000' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'q', message: '请输入完整的 11 位手机号' }]);
    const v = await buildVerifiedResident(ctx);
    expect((await search(v.auth, { by: 'name', q: v.name })).status).toBe(403);
  });

  it('when the admin searches by the full phone or full name, the account is found; a partial name finds no one; each search is audited without the term', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const phone = `139${String(Date.now()).slice(-8)}`;
    const v = await buildVerifiedResident(ctx, { name: '欧阳娜娜' });
    const bind = await ctx.http
      .post('/api/me/phone')
      .set('Authorization', v.auth)
      .send({ code: ctx.sandbox.phoneCodeFor(phone) });
    expect(bind.status).toBe(200);

    const byPhone = await search(admin.auth, { by: 'phone', q: `+86 ${phone}` });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.items.map((u: { id: string }) => u.id)).toEqual([v.user.id]);
    const byName = await search(admin.auth, { by: 'name', q: '欧阳娜娜' });
    expect(byName.body.items.map((u: { id: string }) => u.id)).toContain(v.user.id);
    const partial = await search(admin.auth, { by: 'name', q: '欧阳娜' });
    expect(partial.body.items.map((u: { id: string }) => u.id)).not.toContain(v.user.id);

    const raw = await User.findById(v.user.id).lean();
    expect(JSON.stringify(raw)).not.toContain('欧阳娜娜');

    const entries = await AuditEntry.find({ action: 'user.searched', 'actor.id': admin.user.id }).lean();
    expect(entries).toHaveLength(3);
    expect(JSON.stringify(entries)).not.toContain(phone);
    expect(JSON.stringify(entries)).not.toContain('欧阳');
  });

  it('when a name is corrected, the search finds the new name and not the old one', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const v = await buildVerifiedResident(ctx, { name: '司马光明' });
    await correct(admin.auth, v.user.id, { name: '司马光亮', idNumber: v.idNumber, reason: '错别字' });
    const found = (await search(admin.auth, { by: 'name', q: '司马光亮' })).body.items.map((u: { id: string }) => u.id);
    const old = (await search(admin.auth, { by: 'name', q: '司马光明' })).body.items.map((u: { id: string }) => u.id);
    expect(found).toContain(v.user.id);
    expect(old).not.toContain(v.user.id);
  });
});

describe('search hashes for accounts from before them', () => {
  it('when an account has a phone and a verified name but no search hashes, the backfill job makes both searchable', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const phone = `137${String(Date.now()).slice(-8)}`;
    const v = await buildVerifiedResident(ctx, { name: '诸葛明亮' });
    await User.updateOne({ _id: v.user.id }, { $set: { phone }, $unset: { phoneHash: 1, 'realName.nameHash': 1 } });
    const search = (q: Record<string, string>) =>
      ctx.http.get('/api/admin/user-search').query(q).set('Authorization', admin.auth);
    expect((await search({ by: 'phone', q: phone })).body.items).toEqual([]);

    expect(await backfillSearchHashes(ctx.deps)).toBeGreaterThanOrEqual(1);
    expect((await search({ by: 'phone', q: phone })).body.items.map((u: { id: string }) => u.id)).toEqual([v.user.id]);
    const byName = (await search({ by: 'name', q: '诸葛明亮' })).body.items.map((u: { id: string }) => u.id);
    expect(byName).toContain(v.user.id);
    expect(await backfillSearchHashes(ctx.deps)).toBe(0);
  });
});
