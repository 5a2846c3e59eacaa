import { createTestContext, buildResident, type TestContext, type Built } from '../../../../test/support';
import type { RouteSpec } from '../../../http/route';
import { routes as activityRoutes } from '../activities/routes';
import { routes as signupRoutes } from '../signups/routes';
import { routes as teamRoutes } from '../teams/routes';
import { routes as volunteerRoutes } from './routes';

jest.setTimeout(120_000);

let ctx: TestContext;
let resident: Built;
let specs: RouteSpec[];
beforeAll(async () => {
  ctx = await createTestContext();
  resident = await buildResident(ctx);
  specs = [volunteerRoutes, teamRoutes, activityRoutes, signupRoutes].flatMap((r) => r(ctx.deps));
});
afterAll(async () => {
  await ctx.close();
});

const send = (spec: RouteSpec, path: string, auth?: string) => {
  const req = ctx.http[spec.method](path);
  if (auth) req.set('Authorization', auth);
  return spec.method === 'get' || spec.method === 'delete' ? req : req.send({});
};
const withParams = (path: string, value: string) => path.replace(/:[A-Za-z]+/g, value);

describe('every V1 volunteering route', () => {
  test('answers 401 without a token unless public', async () => {
    for (const spec of specs.filter((s) => s.policy.requiresAuth)) {
      const res = await send(spec, withParams(spec.path, '0123456789abcdef01234567'));
      expect([`${spec.method} ${spec.path}`, res.status]).toEqual([`${spec.method} ${spec.path}`, 401]);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  test('answers 400 with the field path for a malformed id, before any permission check', async () => {
    for (const spec of specs.filter((s) => s.path.includes(':'))) {
      const res = await send(spec, withParams(spec.path, 'not-an-id'), resident.auth);
      expect([`${spec.method} ${spec.path}`, res.status]).toEqual([`${spec.method} ${spec.path}`, 400]);
      expect(res.body.error.fields[0].message).toBe('编号格式不正确');
    }
  });

  test('answers a 4xx, never a 5xx, for a well-formed id that does not exist', async () => {
    for (const spec of specs.filter((s) => s.path.includes(':') && s.method === 'get')) {
      const res = await send(spec, withParams(spec.path, '0123456789abcdef01234567'), resident.auth);
      expect([`${spec.method} ${spec.path}`, res.status < 500]).toEqual([`${spec.method} ${spec.path}`, true]);
    }
  });
});
