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
});
