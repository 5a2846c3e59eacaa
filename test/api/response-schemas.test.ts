import Router from '@koa/router';
import Koa from 'koa';
import supertest from 'supertest';
import { z } from 'zod';
import { ZNoContent } from '@shared/schemas/common';
import { errorHandler } from '../../server/http/middleware/error-handler';
import { mountRoutes } from '../../server/http/mount';
import { openApiPath } from '../../server/http/openapi';
import { publicAccess } from '../../server/http/policy';
import { createResponseChecker } from '../../server/http/response-check';
import { defineRoute, type LinliState, type RouteSpec } from '../../server/http/route';
import { createLogger } from '../../server/logger';
import { createTestContext, type TestContext } from '../support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('every route declares its response', () => {
  it('when the RouteSpecs are listed, each JSON route has a response schema and each other route its content type', () => {
    const missing = ctx.app.routeSpecs
      .filter((s) => !s.response && !s.produces)
      .map((s) => `${s.method.toUpperCase()} ${s.path}`);
    expect(missing).toEqual([]);
  });

  it('when OpenAPI is generated, each route shows its success body schema (or its content type)', async () => {
    const doc = (await ctx.http.get('/api/openapi.json')).body;
    const undocumented: string[] = [];
    for (const spec of ctx.app.routeSpecs) {
      const op = doc.paths[openApiPath(spec.path)][spec.method];
      const ok = op.responses['200'] ?? op.responses['204'];
      const content = ok?.content as Record<string, { schema: Record<string, unknown> }> | undefined;
      const json = content?.['application/json']?.schema;
      const described =
        spec.response === ZNoContent
          ? Boolean(op.responses['204'])
          : spec.response
            ? Boolean(json && (json.type || json.anyOf || json.oneOf))
            : Boolean(content);
      if (!described) undocumented.push(`${spec.method.toUpperCase()} ${spec.path}`);
    }
    expect(undocumented).toEqual([]);
  });
});

describe('a route cannot be defined without saying what it answers', () => {
  it('when defineRoute gets neither a response schema nor a content type, the type check refuses it', () => {
    const spec = defineRoute(
      // @ts-expect-error: a JSON route must declare its response schema (or a non-JSON one its content type)
      { method: 'get', path: '/api/x', summary: 'x', tags: ['test'], policy: publicAccess, handler: async () => undefined },
    );
    expect(spec.response).toBeUndefined();
  });
});

describe('answers are checked against their schema in tests', () => {
  const logger = createLogger('silent');
  function appWith(spec: RouteSpec) {
    const app = new Koa<LinliState>();
    const router = new Router<LinliState>();
    mountRoutes(router, [spec], async () => null, createResponseChecker(logger));
    app.use(errorHandler(logger));
    app.use(router.routes());
    app.silent = true;
    return supertest(app.callback());
  }
  const route = (body: unknown, response?: RouteSpec['response']): RouteSpec => ({
    method: 'get',
    path: '/api/probe',
    summary: 'probe',
    tags: ['test'],
    policy: publicAccess,
    response,
    handler: async (c) => {
      c.body = body;
    },
  });
  const ZProbe = z.object({ item: z.object({ id: z.string(), count: z.number().int() }) });
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it('when the body matches the schema, it is answered as is', async () => {
    const res = await appWith(route({ item: { id: 'a', count: 2 } }, ZProbe)).get('/api/probe');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ item: { id: 'a', count: 2 } });
    expect(errors).not.toHaveBeenCalled();
  });

  it('when a field has the wrong type, the answer is a 500 and the log names the route and the field', async () => {
    const res = await appWith(route({ item: { id: 'a', count: '2' } }, ZProbe)).get('/api/probe');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal');
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/GET \/api\/probe: item\.count/);
  });

  it('when a required field is missing, it is caught the same way', async () => {
    const res = await appWith(route({ item: { id: 'a' } }, ZProbe)).get('/api/probe');
    expect(res.status).toBe(500);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/item\.count/);
  });

  it('when a route answers JSON without declaring a schema, it is caught', async () => {
    const res = await appWith(route({ anything: true })).get('/api/probe');
    expect(res.status).toBe(500);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/declares no response schema/);
  });

  it('when a date is answered, it is checked as the string the client receives', async () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const res = await appWith(route({ at }, z.object({ at: z.iso.datetime() }))).get('/api/probe');
    expect(res.status).toBe(200);
    expect(res.body.at).toBe(at.toISOString());
  });
});
