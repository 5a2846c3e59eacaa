import { AuditEntry } from '../../server/modules/audit/model';
import { Clinic, Department, Team } from '../../server/modules/org/model';
import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, uniqueSuffix, type Built, type TestContext } from '../support';

let ctx: TestContext;
let admin: Built;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildDistrictAdmin(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

const auditFor = (targetId: string, action: string) => AuditEntry.countDocuments({ 'target.id': targetId, action });

describe('POST /api/admin/staff', () => {
  it('401 → 400 (exact field messages) → 403 → 201, and the new account can log in', async () => {
    const input = { username: `lawyer_${uniqueSuffix()}`, password: 'secret-pass-1', displayName: '王律师', roles: [] };
    expect((await ctx.http.post('/api/admin/staff').send(input)).status).toBe(401);

    const bad = await ctx.http
      .post('/api/admin/staff')
      .set('Authorization', admin.auth)
      .send({ username: 'a b', password: 'short', displayName: '', roles: [{ role: 'pilot' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { path: 'username', message: '用户名只能包含字母、数字、下划线、点和横线' },
      { path: 'password', message: '密码至少 8 位' },
      { path: 'displayName', message: '请输入姓名' },
      { path: 'roles.0.role', message: '角色无效' },
    ]);

    const dispatcher = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const forbidden = await ctx.http.post('/api/admin/staff').set('Authorization', dispatcher.auth).send(input);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const created = await ctx.http.post('/api/admin/staff').set('Authorization', admin.auth).send(input);
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ kind: 'staff', username: input.username, displayName: '王律师', roles: [] });
    expect(await auditFor(created.body.user.id, 'staff.created')).toBe(1);
    const entry = await AuditEntry.findOne({ 'target.id': created.body.user.id }).lean();
    expect(JSON.stringify(entry)).not.toContain('secret-pass-1');

    const login = await ctx.http.post('/api/auth/staff/login').send({ username: input.username, password: input.password });
    expect(login.status).toBe(200);

    const dup = await ctx.http.post('/api/admin/staff').set('Authorization', admin.auth).send(input);
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'username_taken', fields: [{ path: 'username', message: '用户名已被使用' }] });
  });

  it('400 when a scoped role points at nothing', async () => {
    const res = await ctx.http
      .post('/api/admin/staff')
      .set('Authorization', admin.auth)
      .send({
        username: `ta_${uniqueSuffix()}`,
        password: 'secret-pass-1',
        displayName: '团队管理员',
        roles: [{ role: 'team_admin' }, { role: 'lawyer', scopeId: '64b7f0000000000000000000' }],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'roles.0.scopeId', message: '请选择团队' },
      { path: 'roles.1.scopeId', message: '法律诊所不存在' },
    ]);
  });
});

describe('POST /api/admin/users/:id/roles and DELETE /api/admin/users/:id/roles/:index', () => {
  it('grants scoped roles after checking the scope, and revokes by index', async () => {
    const team = await Team.create({ name: `测试团队${uniqueSuffix()}` });
    const clinic = await Clinic.create({ name: `测试诊所${uniqueSuffix()}` });
    const dept = await Department.create({ key: `d_${uniqueSuffix()}`, name: '城管' });
    const lawyer = await buildStaff(ctx, { roles: [{ role: 'lawyer', scopeType: 'clinic', scopeId: String(clinic._id) }] });
    const target = await buildStaff(ctx, { roles: [] });
    const grant = (body: object) =>
      ctx.http.post(`/api/admin/users/${target.user.id}/roles`).set('Authorization', admin.auth).send(body);

    expect((await ctx.http.post(`/api/admin/users/${target.user.id}/roles`).send({ role: 'dispatcher' })).status).toBe(401);
    const badId = await ctx.http.post('/api/admin/users/nope/roles').set('Authorization', admin.auth).send({ role: 'dispatcher' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields).toEqual([{ path: 'id', message: '编号格式不正确' }]);
    expect((await ctx.http.post(`/api/admin/users/${target.user.id}/roles`).set('Authorization', target.auth).send({ role: 'dispatcher' })).status).toBe(403);

    const handlerNoScope = await grant({ role: 'handler', scopeId: String(dept._id) });
    expect(handlerNoScope.status).toBe(400);
    expect(handlerNoScope.body.error.fields).toEqual([{ path: 'scopeType', message: '该角色的范围应为部门或网格' }]);

    const student = await grant({ role: 'law_student', scopeId: String(clinic._id), supervisorId: target.user.id });
    expect(student.status).toBe(400);
    expect(student.body.error.fields).toEqual([{ path: 'supervisorId', message: '指导律师须为该法律诊所的律师' }]);

    expect((await grant({ role: 'team_admin', scopeId: String(team._id) })).status).toBe(200);
    expect((await grant({ role: 'handler', scopeType: 'department', scopeId: String(dept._id) })).status).toBe(200);
    const ok = await grant({ role: 'law_student', scopeId: String(clinic._id), supervisorId: lawyer.user.id });
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles).toEqual([
      { role: 'team_admin', scopeType: 'team', scopeId: String(team._id) },
      { role: 'handler', scopeType: 'department', scopeId: String(dept._id) },
      { role: 'law_student', scopeType: 'clinic', scopeId: String(clinic._id), supervisorId: lawyer.user.id },
    ]);
    const again = await grant({ role: 'team_admin', scopeId: String(team._id) });
    expect(again.status).toBe(409);

    // The granted role takes effect on the target's existing token at once.
    const me = await ctx.http.get('/api/me').set('Authorization', target.auth);
    expect(me.body.user.roles).toHaveLength(3);

    const revoked = await ctx.http.delete(`/api/admin/users/${target.user.id}/roles/1`).set('Authorization', admin.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.user.roles.map((r: { role: string }) => r.role)).toEqual(['team_admin', 'law_student']);
    const missing = await ctx.http.delete(`/api/admin/users/${target.user.id}/roles/9`).set('Authorization', admin.auth);
    expect(missing.status).toBe(404);
    expect(await auditFor(target.user.id, 'role.granted')).toBe(3);
    expect(await auditFor(target.user.id, 'role.revoked')).toBe(1);
  });

  it('an admin cannot revoke their own district_admin role', async () => {
    const res = await ctx.http.delete(`/api/admin/users/${admin.user.id}/roles/0`).set('Authorization', admin.auth);
    expect(res.status).toBe(409);
  });
});

describe('disable / enable', () => {
  it('disabling revokes every session at once; enabling lets the user log in again', async () => {
    const s = await buildStaff(ctx, { roles: [{ role: 'dispatcher' }] });
    const r = await buildResident(ctx);
    expect((await ctx.http.post(`/api/admin/users/${s.user.id}/disable`).set('Authorization', s.auth)).status).toBe(403);

    const off = await ctx.http.post(`/api/admin/users/${r.user.id}/disable`).set('Authorization', admin.auth);
    expect(off.status).toBe(200);
    const me = await ctx.http.get('/api/me').set('Authorization', r.auth);
    expect(me.status).toBe(401);
    const relogin = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(r.openid) });
    expect(relogin.status).toBe(403);
    expect(relogin.body.error.code).toBe('account_disabled');

    const on = await ctx.http.post(`/api/admin/users/${r.user.id}/enable`).set('Authorization', admin.auth);
    expect(on.status).toBe(200);
    expect((await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(r.openid) })).status).toBe(200);
    expect(await auditFor(r.user.id, 'user.disabled')).toBe(1);
    expect(await auditFor(r.user.id, 'user.enabled')).toBe(1);

    const self = await ctx.http.post(`/api/admin/users/${admin.user.id}/disable`).set('Authorization', admin.auth);
    expect(self.status).toBe(409);
    const ghost = await ctx.http.post('/api/admin/users/64b7f0000000000000000000/disable').set('Authorization', admin.auth);
    expect(ghost.status).toBe(404);
  });
});

describe('GET /api/admin/users', () => {
  it('401 → 400 → 403 → 200 with search, role filter and paging', async () => {
    expect((await ctx.http.get('/api/admin/users')).status).toBe(401);
    const bad = await ctx.http.get('/api/admin/users?pageSize=1000&role=pilot').set('Authorization', admin.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { path: 'pageSize', message: '每页最多 100 条' },
      { path: 'role', message: '角色无效' },
    ]);
    const r = await buildResident(ctx, { displayName: `搜索目标${uniqueSuffix()}` });
    expect((await ctx.http.get('/api/admin/users').set('Authorization', r.auth)).status).toBe(403);

    const found = await ctx.http.get('/api/admin/users').query({ q: r.user.displayName }).set('Authorization', admin.auth);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].id).toBe(r.user.id);
    const regexy = await ctx.http.get('/api/admin/users').query({ q: '.*' }).set('Authorization', admin.auth);
    expect(regexy.body.total).toBe(0);
    const admins = await ctx.http.get('/api/admin/users?role=district_admin&pageSize=1').set('Authorization', admin.auth);
    expect(admins.body.items).toHaveLength(1);
    expect(admins.body.items[0].roles.some((x: { role: string }) => x.role === 'district_admin')).toBe(true);
  });
});
