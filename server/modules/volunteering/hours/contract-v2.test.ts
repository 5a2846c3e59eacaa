import { buildResident, createTestContext, type Built, type TestContext } from '../../../../test/support';
import type { RouteSpec } from '../../../http/route';
import { routes as attendanceRoutes } from '../attendance/routes';
import { routes as certificateRoutes } from '../certificates/routes';
import { routes as galleryRoutes } from '../gallery/routes';
import { routes as helpRoutes } from '../help-requests/routes';
import { routes as statsRoutes } from '../stats/routes';
import { routes as hoursRoutes } from './routes';

jest.setTimeout(120_000);

let ctx: TestContext;
let resident: Built;
let specs: RouteSpec[];
beforeAll(async () => {
  ctx = await createTestContext();
  resident = await buildResident(ctx);
  specs = [attendanceRoutes, hoursRoutes, certificateRoutes, galleryRoutes, helpRoutes, statsRoutes].flatMap((r) =>
    r(ctx.deps),
  );
});
afterAll(async () => {
  await ctx.close();
});

const send = (spec: RouteSpec, path: string, auth?: string, body: unknown = {}) => {
  const req = ctx.http[spec.method](path);
  if (auth) req.set('Authorization', auth);
  return spec.method === 'get' || spec.method === 'delete' ? req : req.send(body as object);
};
const withParams = (path: string, value: string) => path.replace(/:[A-Za-z]+/g, value);
const WELL_FORMED = '0123456789abcdef01234567';

describe('every V2 volunteering route', () => {
  test('answers 401 without a token unless public', async () => {
    for (const spec of specs.filter((s) => s.policy.requiresAuth)) {
      const res = await send(spec, withParams(spec.path, WELL_FORMED));
      expect([`${spec.method} ${spec.path}`, res.status]).toEqual([`${spec.method} ${spec.path}`, 401]);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  test('answers 400 for a malformed id, before any permission check', async () => {
    for (const spec of specs.filter((s) => s.path.includes(':'))) {
      const res = await send(spec, withParams(spec.path, 'not-an-id'), resident.auth);
      expect([`${spec.method} ${spec.path}`, res.status]).toEqual([`${spec.method} ${spec.path}`, 400]);
      expect(res.body.error.fields.length).toBeGreaterThan(0);
    }
  });

  test('never answers 5xx for unknown ids, wrong types or $-prefixed keys', async () => {
    const bodies: unknown[] = [
      {},
      { $where: 'sleep(1000)' },
      { entryIds: [{ $gt: '' }] },
      { minutes: 'lots', reason: 42 },
      [1, 2, 3],
    ];
    for (const spec of specs) {
      const path = withParams(spec.path, WELL_FORMED);
      for (const body of spec.method === 'get' ? [undefined] : bodies) {
        const res = await send(spec, path, resident.auth, body);
        expect([`${spec.method} ${spec.path} ${JSON.stringify(body)}`, res.status < 500]).toEqual([
          `${spec.method} ${spec.path} ${JSON.stringify(body)}`,
          true,
        ]);
      }
      if (spec.method === 'get') {
        const res = await send(spec, `${path}?page=-1&pageSize=1e9&from[$gt]=1&teamId[$ne]=x`, resident.auth);
        expect([`${spec.method} ${spec.path} (query)`, res.status < 500]).toEqual([
          `${spec.method} ${spec.path} (query)`,
          true,
        ]);
      }
    }
  });
});
