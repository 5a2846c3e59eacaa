/** Test helpers for donations: a charity whose merchant is the test's WeChat sandbox, and a published project. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TCharityDto, TProjectDto } from '@shared/schemas/donations';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../test/support';
import type { Sandbox } from '../../wechat-sandbox';

let counter = 0;
/** A valid-looking 统一社会信用代码, distinct per call. */
export function testUscc(): string {
  counter += 1;
  return `53460000${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(4, '0')}`;
}

/** Writes the sandbox's merchant key and platform certificate to files, as a real deployment keeps them. */
export function merchantSettings(ctx: { sandbox: Sandbox }, extra: Record<string, unknown> = {}, dir = mkdtempSync(join(tmpdir(), 'linli-merchant-'))) {
  writeFileSync(join(dir, 'apiclient_key.pem'), ctx.sandbox.pay.merchantPrivateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'apiclient_cert.pem'), ctx.sandbox.pay.merchantCertPem);
  writeFileSync(join(dir, 'platform_cert.pem'), ctx.sandbox.pay.platformCertPem);
  writeFileSync(join(dir, 'apiv3.key'), ctx.sandbox.pay.apiV3Key, { mode: 0o600 });
  return {
    mchId: ctx.sandbox.pay.mchId,
    serialNo: ctx.sandbox.pay.merchantCertSerial,
    privateKeyPath: join(dir, 'apiclient_key.pem'),
    certPath: join(dir, 'apiclient_cert.pem'),
    apiV3KeyRef: `file:${join(dir, 'apiv3.key')}`,
    platformCertPath: join(dir, 'platform_cert.pem'),
    ...extra,
  };
}

export async function createCharity(ctx: TestContext, adminAuth: string, extra: Record<string, unknown> = {}): Promise<TCharityDto> {
  const res = await ctx.http
    .post('/api/admin/charities')
    .set('Authorization', adminAuth)
    .send({ name: '海口市慈善总会', uscc: testUscc(), filingNumber: '53460000MJ0000000X-2026-001', merchant: merchantSettings(ctx, extra) });
  if (res.status !== 201) throw new Error(`createCharity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TCharityDto;
}

/** A project created, submitted and approved through the 内容审核 queue. */
export async function publishedProject(ctx: TestContext, adminAuth: string, charityId: string, goalFen = 1_000_000): Promise<TProjectDto> {
  const now = Date.now();
  const created = await ctx.http
    .post('/api/admin/charity/projects')
    .set('Authorization', adminAuth)
    .send({ charityId, title: '山区儿童午餐', story: '为山区小学的孩子们提供一年的营养午餐。', goalFen, startAt: new Date(now - 3600_000).toISOString(), endAt: new Date(now + 30 * 86_400_000).toISOString() });
  if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`);
  const id = (created.body as TProjectDto).id;
  await ctx.http.post(`/api/admin/charity/projects/${id}/publish`).set('Authorization', adminAuth).expect(200);
  const queue = await ctx.http.get('/api/admin/review?kind=charity-project').set('Authorization', adminAuth).expect(200);
  const item = (queue.body.items as { id: string; version: string; title: string }[]).find((i) => i.title === '山区儿童午餐');
  await ctx.http.post(`/api/admin/review/charity-project/${item!.id}/decision`).set('Authorization', adminAuth).send({ decision: 'approve', version: item!.version }).expect(200);
  const res = await ctx.http.get(`/api/charity/projects/${id}`).expect(200);
  return res.body as TProjectDto;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The usual donations test world: a context whose sandbox retries notifications and settles
 * refunds quickly (and whose notify URL is this server), a district admin, a resident named
 * `residentName`, a charity on the sandbox merchant and a published project.
 */
export async function donationsWorld(residentName: string) {
  const ctx = await createTestContext({ sandbox: { notifyRetryDelaysMs: [50, 100, 200], refundDelayMs: 30 } });
  ctx.deps.config.PUBLIC_BASE_URL = ctx.url;
  const admin = await buildDistrictAdmin(ctx);
  const resident = await buildResident(ctx, { displayName: residentName });
  const charityId = (await createCharity(ctx, admin.auth)).id;
  const project = await publishedProject(ctx, admin.auth, charityId);
  return { ctx, admin, resident, charityId, project };
}
