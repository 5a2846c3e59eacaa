import { openApiPath } from '../../server/http/openapi';
import { createTestContext, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('every route declares a policy and is documented', () => {
  it('when the mounted router is enumerated, each layer maps to exactly one RouteSpec with a policy', () => {
    const specs = new Map(ctx.app.routeSpecs.map((s) => [`${s.method.toUpperCase()} ${s.path}`, s]));
    const layers = ctx.app.router.stack.flatMap((layer) =>
      layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${layer.path}`),
    );
    expect(layers.length).toBeGreaterThan(10);
    const withoutSpec = layers.filter((l) => !specs.has(l));
    expect(withoutSpec).toEqual([]);
    for (const [key, spec] of specs) {
      expect({ key, hasPolicy: Boolean(spec.policy?.name) && typeof spec.policy.allows === 'function' }).toEqual({
        key,
        hasPolicy: true,
      });
    }
    expect(new Set(layers).size).toBe(layers.length);
    expect(layers.sort()).toEqual([...specs.keys()].sort());
  });

  it('when OpenAPI is generated, every mounted route is in it with its policy', async () => {
    const doc = (await ctx.http.get('/api/openapi.json')).body;
    const missing: string[] = [];
    for (const spec of ctx.app.routeSpecs) {
      const op = doc.paths[openApiPath(spec.path)]?.[spec.method];
      if (!op) missing.push(`${spec.method} ${spec.path}`);
      else expect(op['x-policy']).toBe(spec.policy.name);
    }
    expect(missing).toEqual([]);
    const documented = Object.values(doc.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(ctx.app.routeSpecs.length);
  });

  it('when a route needs a login, calling it without a token is 401 before anything else', async () => {
    for (const spec of ctx.app.routeSpecs.filter((s) => s.policy.requiresAuth)) {
      const path = spec.path.replace(/:([A-Za-z]+)/g, 'x');
      const res = await ctx.http[spec.method](path).send({ $where: 'bad' });
      expect({ route: `${spec.method} ${spec.path}`, status: res.status, code: res.body.error?.code }).toEqual({
        route: `${spec.method} ${spec.path}`,
        status: 401,
        code: 'unauthenticated',
      });
    }
  });
});
