/**
 * Open311 GeoReport v2 spoken with a plain HTTP client (fetch + form encoding + an XML parser),
 * as a city's other systems would — not Linli's own client code.
 */
import { XMLParser } from 'fast-xml-parser';
import { buildResident, createTestContext, type TestContext } from '../../../test/support';
import { CENTER, IN_DISTRICT_NO_GRID, OUTSIDE_DISTRICT, setupDistrict } from './fixtures';

let ctx: TestContext;
let d: Awaited<ReturnType<typeof setupDistrict>>;
let apiKey: string;
jest.setTimeout(60_000);
beforeAll(async () => {
  ctx = await createTestContext();
  d = await setupDistrict(ctx, 'o');
});
afterAll(async () => {
  await ctx.close();
});

const get = (path: string) => fetch(`${ctx.url}${path}`);
const post = (path: string, form: Record<string, string>) =>
  fetch(`${ctx.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
const parseXml = async (res: Response) => new XMLParser({ parseTagValue: false }).parse(await res.text());

describe('Open311 GeoReport v2', () => {
  it('district admins issue keys (401 → 400 → 403 → 201); only the hash is stored; revoking stops the key', async () => {
    expect((await ctx.http.post('/api/admin/open311-keys').send({ name: '12345 热线' })).status).toBe(401);
    expect((await ctx.http.post('/api/admin/open311-keys').set('Authorization', d.admin.auth).send({ name: 'x' })).status).toBe(400);
    expect((await ctx.http.post('/api/admin/open311-keys').set('Authorization', d.dispatcher.auth).send({ name: '12345 热线' })).status).toBe(403);
    const issued = await ctx.http.post('/api/admin/open311-keys').set('Authorization', d.admin.auth).send({ name: '12345 热线' });
    expect(issued.status).toBe(201);
    apiKey = issued.body.key;
    const { Open311Key } = await import('./model');
    expect(JSON.stringify(await Open311Key.find().lean())).not.toContain(apiKey);
    const spare = await ctx.http.post('/api/admin/open311-keys').set('Authorization', d.admin.auth).send({ name: '临时' });
    await ctx.http.post(`/api/admin/open311-keys/${spare.body.apiKey.id}/revoke`).set('Authorization', d.admin.auth).expect(200);
    const refused = await post('/open311/v2/requests.json', { api_key: spare.body.key, service_code: d.litter, lat: String(CENTER.lat), long: String(CENTER.lng), description: '路灯不亮已经三天' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([{ code: 403, description: 'api_key 无效或已吊销' }]);
  });

  it('services list and definition in JSON and XML, with the spec field names', async () => {
    const json = await (await get('/open311/v2/services.json')).json();
    expect(json).toEqual(
      expect.arrayContaining([
        { service_code: d.light, service_name: expect.any(String), description: expect.any(String), metadata: true, type: 'realtime', keywords: '设施管理', group: '设施管理' },
      ]),
    );
    const x = await parseXml(await get('/open311/v2/services.xml'));
    const codes = [x.services.service].flat().map((s: { service_code: string }) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining([d.litter, d.light]));
    const def = await (await get(`/open311/v2/services/${d.light}.json`)).json();
    expect(def).toEqual({
      service_code: d.light,
      attributes: [{ variable: true, code: 'pole_no', datatype: 'string', required: true, datatype_description: '文本', order: 1, description: '灯杆编号' }],
    });
    const defXml = await parseXml(await get(`/open311/v2/services/${d.light}.xml`));
    expect(defXml.service_definition.attributes.attribute.code).toBe('pole_no');
    const missing = await get('/open311/v2/services/nothing_here.xml');
    expect(missing.status).toBe(404);
    expect((await parseXml(missing)).errors.error.code).toBe('404');
  });

  it('POST requests (form-encoded) → service_request_id and token; GET by id, by token and with filters; extensions show Linli statuses', async () => {
    const form = {
      api_key: apiKey,
      service_code: d.light,
      lat: String(CENTER.lat),
      long: String(CENTER.lng),
      address_string: '人民大道 200 号',
      description: '路灯整晚不亮，行人看不清路',
      media_url: 'http://example.invalid/photo.jpg',
      'attribute[pole_no]': 'L-77',
    };
    const noAttr = await post('/open311/v2/requests.json', { ...form, 'attribute[pole_no]': '' });
    expect(noAttr.status).toBe(400);
    expect((await noAttr.json())[0].description).toContain('attribute[pole_no]');
    const outside = await post('/open311/v2/requests.json', { ...form, lat: String(OUTSIDE_DISTRICT.lat), long: String(OUTSIDE_DISTRICT.lng) });
    expect(outside.status).toBe(400);
    const unknown = await post('/open311/v2/requests.xml', { ...form, service_code: 'nope' });
    expect(unknown.status).toBe(404);
    const created = await post('/open311/v2/requests.json', form);
    expect([created.status, created.status === 201 ? null : await created.text()]).toEqual([201, null]);
    const [{ service_request_id: id, token }] = (await created.json()) as { service_request_id: string; token: string }[];
    expect(id).toMatch(/^[0-9a-f]{24}$/);

    const one = await (await get(`/open311/v2/requests/${id}.json`)).json();
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        service_code: d.light,
        description: form.description,
        address: '人民大道 200 号',
        lat: CENTER.lat,
        long: CENTER.lng,
        media_url: 'http://example.invalid/photo.jpg',
        agency_responsible: `城管中队o`,
        requested_datetime: expect.any(String),
        expected_datetime: expect.any(String),
      }),
    ]);
    expect(one[0]).not.toHaveProperty('extended_attributes');
    const ext = await (await get(`/open311/v2/requests/${id}.json?extensions=true`)).json();
    expect(ext[0].extended_attributes).toMatchObject({ linli_status: 'dispatched', fixed_by_default: false, overdue: false });
    const byToken = await parseXml(await get(`/open311/v2/tokens/${token}.xml`));
    expect(byToken.service_requests.request).toEqual({ service_request_id: id, token });
    const xmlOne = await parseXml(await get(`/open311/v2/requests/${id}.xml`));
    expect(xmlOne.service_requests.request).toMatchObject({ service_request_id: id, status: 'open', long: String(CENTER.lng) });

    // Filters: a closed one elsewhere, then status, service_code and the id list.
    const resident = await buildResident(ctx);
    const other = await ctx.http.post('/api/reports').set('Authorization', resident.auth).send({ categoryCode: d.litter, description: '垃圾桶满溢无人清运', location: IN_DISTRICT_NO_GRID, address: '东侧路口' });
    await ctx.http.post(`/api/staff/reports/${other.body.report.id}/reject`).set('Authorization', d.dispatcher.auth).send({ reason: '非本区职责' }).expect(200);
    const open = await (await get(`/open311/v2/requests.json?status=open&service_code=${d.light}`)).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    const all = await (await get(`/open311/v2/requests.json?service_request_id=${id},${other.body.report.id}`)).json();
    expect(all.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    const badDate = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toEqual([{ code: 400, description: 'start_date 须为 W3C 日期时间' }]);
    expect((await get('/open311/v2/requests/zzz.json')).status).toBe(404);
  });
  it('when a list attribute gets a value outside its options, POST requests is 400 naming them, and one of them is accepted', async () => {
    const code = 'manhole_o311';
    const category = { code, label: '井盖问题', kind: 'component', group: '设施管理', sla: { acceptMinutes: 60, arriveMinutes: 30, resolveMinutes: 1440 }, clock: 'working_day', attributes: [{ code: 'state', label: '井盖状态', required: true, options: ['缺失', '破损'] }] };
    await ctx.http.post('/api/admin/report-categories').set('Authorization', d.admin.auth).send(category).expect(201);
    const form = { api_key: apiKey, service_code: code, lat: String(CENTER.lat), long: String(CENTER.lng), description: '井盖不见了，夜里很危险', 'attribute[state]': '松动' };
    const bad = await post('/open311/v2/requests.json', form);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([{ code: 400, description: 'attribute[state] 须为以下之一：缺失、破损（井盖状态）' }]);
    const ok = await post('/open311/v2/requests.json', { ...form, 'attribute[state]': '缺失' });
    expect(ok.status).toBe(201);
  });
});
