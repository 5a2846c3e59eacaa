import { createTestContext, type TestContext } from '../../../test/support';
import { buildTestImages } from '../volunteering/gallery/test-images';
import { applyReportPhotoVerdict } from '.';
import { buildResident, reportBody, setupDistrict } from './fixtures';
import { ReportPhoto } from './model';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
jest.setTimeout(90_000);
beforeAll(async () => {
  // The sandbox pushes its verdicts to this app's /api/wechat/push, signed, as WeChat does.
  ctx = await createTestContext({ wechatPush: true });
  d = await setupDistrict(ctx, 'ph');
});
afterAll(async () => {
  await ctx.close();
});

const upload = async (auth: string) => {
  const { jpegWithExif } = await buildTestImages();
  const res = await ctx.http.post('/api/report-photos').set('Authorization', auth).type('image/jpeg').send(jpegWithExif);
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
};
const until = async (f: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await f()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('report photos and WeChat image check', () => {
  it('when a resident uploads a photo it goes to media_check_async; once the pushed verdict passes, the public sees it', async () => {
    const resident = await buildResident(ctx);
    const photo = await upload(resident.auth);
    const check = ctx.sandbox.mediaChecks().find((c) => c.media_url.includes(photo.id));
    expect(check).toMatchObject({ media_type: 2, scene: 3 });
    // WeChat's checker fetches it through the keyed URL; nobody else can yet.
    const keyed = new URL(check!.media_url);
    expect((await ctx.http.get(`${keyed.pathname}${keyed.search}`)).status).toBe(200);
    expect((await ctx.http.get(`${keyed.pathname}?k=wrong`)).status).toBe(404);

    await until(async () => (await ReportPhoto.findById(photo.id).lean())?.check === 'pass');
    expect((await ReportPhoto.findById(photo.id).lean())?.check).toBe('pass');
    const report = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { photoIds: [photo.id] }));
    expect(report.status).toBe(201);
    const pub = await ctx.http.get(`/api/reports/${report.body.report.id}`);
    expect(pub.body.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    expect((await ctx.http.get(photo.url)).status).toBe(200);
  });

  it('when the verdict comes after submission, the photo is held from the public until it passes; risky stays hidden', async () => {
    const resident = await buildResident(ctx);
    const first = await upload(resident.auth);
    const second = await upload(resident.auth);
    // As if the verdicts had not arrived yet (after the sandbox's own pushes have landed).
    await until(async () => (await ReportPhoto.countDocuments({ _id: { $in: [first.id, second.id] }, check: 'pass' })) === 2);
    await ReportPhoto.updateMany({ _id: { $in: [first.id, second.id] } }, { $set: { check: 'checking' } });
    const res = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { photoIds: [first.id, second.id] }));
    const id = res.body.report.id as string;
    expect(res.body.report.photos).toHaveLength(2); // the reporter sees both
    expect((await ctx.http.get(`/api/reports/${id}`)).body.photos).toEqual([]);
    expect((await ctx.http.get(first.url)).status).toBe(404);
    expect((await ctx.http.get(first.url).set('Authorization', d.dispatcher.auth)).status).toBe(200);

    const traces = await ReportPhoto.find({ _id: { $in: [first.id, second.id] } }).lean();
    const trace = (pid: string) => traces.find((t) => String(t._id) === pid)!.traceId!;
    expect(await applyReportPhotoVerdict(trace(first.id), 'pass')).toBe('applied');
    expect(await applyReportPhotoVerdict(trace(second.id), 'risky')).toBe('applied');
    expect(await applyReportPhotoVerdict(trace(second.id), 'pass')).toBe('already_applied');
    expect(await applyReportPhotoVerdict('no-such-trace', 'pass')).toBe('unknown_trace');
    expect((await ctx.http.get(`/api/reports/${id}`)).body.photos.map((p: { id: string }) => p.id)).toEqual([first.id]);
    expect((await ctx.http.get(first.url)).status).toBe(200);
    expect((await ctx.http.get(second.url)).status).toBe(404);
  });

  it('when the sandbox calls a photo risky, the dispatcher is told, it waits in 内容审核, and approving shows it on the report', async () => {
    const resident = await buildResident(ctx);
    // The sandbox cannot look at pictures: a media URL containing "risky" decides.
    const base = ctx.deps.config.PUBLIC_BASE_URL;
    ctx.deps.config.PUBLIC_BASE_URL = 'https://risky-photos.example';
    const photo = await upload(resident.auth).finally(() => (ctx.deps.config.PUBLIC_BASE_URL = base));
    await until(async () => (await ReportPhoto.findById(photo.id).lean())?.check === 'risky');
    expect((await ReportPhoto.findById(photo.id).lean())?.check).toBe('risky');
    const filed = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { photoIds: [photo.id] }));
    const id = filed.body.report.id as string;
    expect((await ctx.http.get(`/api/reports/${id}`)).body.photos).toEqual([]);
    const inbox = async () => JSON.stringify((await ctx.http.get('/api/me/notifications').set('Authorization', d.dispatcher.auth)).body);
    await until(async () => (await inbox()).includes('随手拍照片未通过内容检测'));
    expect(await inbox()).toContain('已对公众隐藏并送内容审核');
    const queue = async () => (await ctx.http.get('/api/admin/review').query({ kind: 'report-photo' }).set('Authorization', d.admin.auth)).body;
    await until(async () => (await queue()).items.length > 0);
    const item = (await queue()).items.find((i: { images: { url: string }[] }) => i.images[0]?.url.includes(photo.id));
    expect(item).toMatchObject({ kind: 'report-photo', title: expect.stringContaining('随手拍照片'), author: { nameMasked: '居民' } });
    // The moderation page's <Image> (no token) opens the held file through the item's keyed URL; the public still cannot.
    expect((await ctx.http.get(item.images[0].url)).status).toBe(200);
    expect((await ctx.http.get(photo.url)).status).toBe(404);
    const decided = await ctx.http.post(`/api/admin/review/report-photo/${item.id}/decision`).set('Authorization', d.admin.auth).send({ decision: 'approve', version: item.version });
    expect(decided.status).toBe(200);
    expect((await ctx.http.get(`/api/reports/${id}`)).body.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    expect((await ctx.http.get(photo.url)).status).toBe(200);
  });

  it('when a review verdict lands on a submitted report it goes to 内容审核 too; rejecting keeps the photo hidden and tells the reporter why', async () => {
    const resident = await buildResident(ctx);
    const photo = await upload(resident.auth);
    await until(async () => (await ReportPhoto.findById(photo.id).lean())?.check === 'pass');
    await ReportPhoto.updateOne({ _id: photo.id }, { $set: { check: 'checking' } });
    const id = (await ctx.http.post('/api/reports').set('Authorization', resident.auth).send(reportBody(d.litter, { photoIds: [photo.id] }))).body.report.id as string;
    const { traceId } = (await ReportPhoto.findById(photo.id).lean())!;
    expect(await applyReportPhotoVerdict(traceId!, 'review', ctx.deps)).toBe('left_for_review');
    const queue = async () => (await ctx.http.get('/api/admin/review').query({ kind: 'report-photo' }).set('Authorization', d.admin.auth)).body;
    const find = async () => (await queue()).items.find((i: { images: { url: string }[] }) => i.images[0]?.url.includes(photo.id));
    await until(async () => Boolean(await find()));
    const item = await find();
    expect(item.context).toEqual(expect.arrayContaining([{ label: '工单', value: id }]));
    const rejected = await ctx.http.post(`/api/admin/review/report-photo/${item.id}/decision`).set('Authorization', d.admin.auth).send({ decision: 'reject', reason: '含有不宜公开的内容', version: item.version });
    expect(rejected.status).toBe(200);
    expect((await ctx.http.get(`/api/reports/${id}`)).body.photos).toEqual([]);
    expect((await ReportPhoto.findById(photo.id).lean())?.check).toBe('risky');
    const inbox = async () =>
      (await ctx.http.get('/api/me/notifications').set('Authorization', resident.auth)).body.items as { title: string; body: string; link: string }[];
    await until(async () => (await inbox()).some((n) => n.title === '随手拍照片未通过审核'));
    const told = (await inbox()).find((n) => n.title === '随手拍照片未通过审核');
    expect(told?.body).toContain('原因：含有不宜公开的内容');
    expect(told?.body).toContain('工单仍照常处理');
    expect(told?.link).toContain(id);
  });
});
