/**
 * Input normalisation (issue 9, item 9): dates are ISO strings only; text is NFC, and control
 * characters, bidi overrides and lone surrogates are refused at their field with a message.
 */
import { HelpRequest } from '../../server/modules/volunteering/help-requests/model';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../support';

let ctx: TestContext;
jest.setTimeout(30_000);
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
const need = (over: Record<string, unknown> = {}) => ({
  category: 'elderly_care',
  description: '独居老人需要每周买菜帮助',
  address: '幸福小区 3 号楼',
  neededAt: tomorrow(),
  ...over,
});
/** JSON text sent as is, so escapes such as a lone surrogate reach the server unchanged. */
const postRaw = (auth: string, json: string) =>
  ctx.http.post('/api/help-requests').set('Authorization', auth).set('Content-Type', 'application/json').send(json);

describe('dates', () => {
  it('refuses arrays and numbers where a date is expected (400 at the field)', async () => {
    const r = await buildResident(ctx);
    for (const neededAt of [[2027], 1893456000000, '2027', '明天']) {
      const res = await ctx.http.post('/api/help-requests').set('Authorization', r.auth).send(need({ neededAt }));
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'neededAt', message: '时间格式不正确' }]);
    }
  });

  it('refuses a repeated query parameter (an array) as a date', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http.get('/api/admin/audit?from=2027&from=2028').set('Authorization', admin.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('from');
  });
});

describe('text', () => {
  it.each([
    ['a NUL byte', '"独居老人需要帮助\\u0000买菜"'],
    ['a bell', '"独居老人需要帮助\\u0007买菜"'],
    ['a right-to-left override', '"独居老人需要帮助\\u202e买菜"'],
    ['a bidi isolate', '"独居老人需要帮助\\u2066买菜"'],
    ['a C1 control', '"独居老人需要帮助\\u0085买菜"'],
  ])('refuses %s with a field message', async (_label, description) => {
    const r = await buildResident(ctx);
    const body = JSON.stringify(need()).replace('"独居老人需要每周买菜帮助"', description);
    const res = await postRaw(r.auth, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'description', message: '不能包含控制字符或文字方向控制符' }]);
  });

  it('refuses a lone surrogate', async () => {
    const r = await buildResident(ctx);
    const body = JSON.stringify(need()).replace('"幸福小区 3 号楼"', '"幸福小区\\ud800 3 号楼"');
    const res = await postRaw(r.auth, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'address', message: '包含无效的字符' }]);
  });

  it('keeps newlines and tabs, and stores text in NFC', async () => {
    const r = await buildResident(ctx);
    const decomposed = 'Cafe\u0301 旁边\r\n\t独居老人需要帮助';
    const res = await ctx.http.post('/api/help-requests').set('Authorization', r.auth).send(need({ description: decomposed }));
    expect(res.status).toBe(201);
    const stored = await HelpRequest.findById(res.body.request.id).lean();
    expect(stored!.description).toBe('Caf\u00e9 旁边\n\t独居老人需要帮助');
  });
});
