/**
 * A charity's own staff (`charity_staff`, scoped to the charity): drafts and submits its
 * projects, records disbursements, sees its donations and reconciles; never another charity's,
 * never refunds, closes projects or registers merchants (district admins do).
 */
import sharp from 'sharp';
import type { TOrderCreated, TProjectDto } from '@shared/schemas/donations';
import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, type Built, type TestContext } from '../../../test/support';
import { DonationOrder } from './model';
import { createCharity, merchantSettings, publishedProject, testUscc, waitFor } from './test-support';

jest.setTimeout(90_000);

let ctx: TestContext;
let admin: Built;
let staff: Built;
let mine: string;
let other: string;
let myProject: TProjectDto;
let otherProject: TProjectDto;
let donation: TOrderCreated;

beforeAll(async () => {
  ctx = await createTestContext({ sandbox: { notifyRetryDelaysMs: [50, 100, 200], refundDelayMs: 30 } });
  ctx.deps.config.PUBLIC_BASE_URL = ctx.url;
  admin = await buildDistrictAdmin(ctx);
  mine = (await createCharity(ctx, admin.auth)).id;
  other = (await createCharity(ctx, admin.auth)).id;
  staff = await buildStaff(ctx, { roles: [{ role: 'charity_staff', scopeType: 'charity', scopeId: mine }] });
  myProject = await publishedProject(ctx, admin.auth, mine);
  otherProject = await publishedProject(ctx, admin.auth, other);
  const resident = await buildResident(ctx);
  const res = await ctx.http.post(`/api/charity/projects/${myProject.id}/donations`).set('Authorization', resident.auth).send({ amountFen: 10_000, channel: 'native' });
  donation = res.body as TOrderCreated;
  ctx.sandbox.pay.succeed(donation.donation.outTradeNo);
  await waitFor(async () => ((await DonationOrder.findById(donation.donation.id).lean())?.status === 'paid' ? true : undefined));
});
afterAll(async () => ctx.close());

const draft = (charityId: string) => ({
  charityId,
  title: '长者助餐',
  story: '为社区独居长者提供午餐补贴与送餐。',
  goalFen: 200_000,
  startAt: new Date(Date.now() - 3600_000).toISOString(),
  endAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
});

describe('charity staff', () => {
  it('when nobody is signed in it is 401; when a bad draft is sent, 400 at the field; another charity\'s project is 403; their own is drafted and sent for review', async () => {
    await ctx.http.post('/api/admin/charity/projects').send(draft(mine)).expect(401);
    const bad = await ctx.http.post('/api/admin/charity/projects').set('Authorization', staff.auth).send({ ...draft(mine), goalFen: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('goalFen');
    const forbidden = await ctx.http.post('/api/admin/charity/projects').set('Authorization', staff.auth).send(draft(other));
    expect(forbidden.status).toBe(403);

    const created = await ctx.http.post('/api/admin/charity/projects').set('Authorization', staff.auth).send(draft(mine));
    expect(created.status).toBe(201);
    const id = (created.body as TProjectDto).id;
    // Moving it to another charity is refused.
    expect((await ctx.http.put(`/api/admin/charity/projects/${id}`).set('Authorization', staff.auth).send(draft(other))).status).toBe(403);
    const sent = await ctx.http.post(`/api/admin/charity/projects/${id}/publish`).set('Authorization', staff.auth);
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('in_review');
    // Publishing itself is the reviewers' (内容审核, district admins): staff cannot decide.
    expect((await ctx.http.get('/api/admin/review?kind=charity-project').set('Authorization', staff.auth)).status).toBe(403);
  });

  it('when staff close a project, refund or register a charity, it is 403', async () => {
    expect((await ctx.http.post(`/api/admin/charity/projects/${myProject.id}/close`).set('Authorization', staff.auth)).status).toBe(403);
    expect((await ctx.http.post(`/api/admin/donations/${donation.donation.id}/refunds`).set('Authorization', staff.auth).send({ amountFen: 100, reason: '捐赠人申请退款' })).status).toBe(403);
    const charity = await ctx.http.post('/api/admin/charities').set('Authorization', staff.auth).send({ name: '另一家慈善会', uscc: testUscc(), filingNumber: '琼民公募备〔2026〕099号', merchant: merchantSettings(ctx) });
    expect(charity.status).toBe(403);
  });

  it('when staff list charities, projects and donations, they see only their charity\'s', async () => {
    const charities = await ctx.http.get('/api/admin/charities').set('Authorization', staff.auth).expect(200);
    expect(charities.body.items.map((c: { id: string }) => c.id)).toEqual([mine]);
    const projects = await ctx.http.get('/api/admin/charity/projects?pageSize=50').set('Authorization', staff.auth).expect(200);
    const ids = projects.body.items.map((p: TProjectDto) => p.id);
    expect(ids).toContain(myProject.id);
    expect(ids).not.toContain(otherProject.id);
    const shown = projects.body.items.find((p: TProjectDto) => p.id === myProject.id) as TProjectDto;
    expect(shown.abilities).toMatchObject({ close: false });
    const donations = await ctx.http.get('/api/admin/donations?pageSize=50').set('Authorization', staff.auth).expect(200);
    expect(donations.body.items.map((d: { id: string }) => d.id)).toEqual([donation.donation.id]);
    expect((await ctx.http.get(`/api/admin/donations/${donation.donation.id}/refunds`).set('Authorization', staff.auth)).status).toBe(200);
    const all = await ctx.http.get('/api/admin/donations?pageSize=50').set('Authorization', admin.auth).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(1);
  });

  it('when staff record a disbursement or reconcile, their charity is allowed and another is 403', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a3' } }).jpeg().toBuffer();
    const proof = await ctx.http.post('/api/admin/charity/proofs').set('Authorization', staff.auth).set('Content-Type', 'image/jpeg').send(jpeg).expect(201);
    const body = { amountFen: 1000, purpose: '购买午餐食材', proofImageIds: [proof.body.id], disbursedAt: new Date().toISOString() };
    expect((await ctx.http.post(`/api/admin/charity/projects/${otherProject.id}/disbursements`).set('Authorization', staff.auth).send(body)).status).toBe(403);
    const ok = await ctx.http.post(`/api/admin/charity/projects/${myProject.id}/disbursements`).set('Authorization', staff.auth).send(body);
    expect(ok.status).toBe(201);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await ctx.http.get(`/api/admin/charity/reconciliation?charityId=${other}&date=${day}`).set('Authorization', staff.auth)).status).toBe(403);
    expect((await ctx.http.get(`/api/admin/charity/reconciliation?charityId=${mine}&date=${day}`).set('Authorization', staff.auth)).status).toBe(200);
  });

  it('when a district admin grants charity_staff, the charity must exist', async () => {
    const res = await ctx.http
      .post('/api/admin/staff')
      .set('Authorization', admin.auth)
      .send({ username: `cs_${Date.now()}`, password: 'charity-pass-2026', displayName: '机构员工', roles: [{ role: 'charity_staff', scopeId: '0123456789abcdef01234567' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('roles.0.scopeId');
  });
});
