import { z, type ZodType } from 'zod';
import { ERRORS } from '@shared/errors';
import { ZNoContent } from '@shared/schemas/common';
import type { RouteSpec } from './route';

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-policy': string;
  'x-requires-consent': boolean;
  security?: { bearer: string[] }[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

function jsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete s.$schema;
  return s;
}

/** `/api/users/:id` → `/api/users/{id}` */
export const openApiPath = (koaPath: string): string => koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parametersOf(schema: ZodType | undefined, where: 'path' | 'query', pathParams: string[]): OpenApiParameter[] {
  const names = new Set(where === 'path' ? pathParams : []);
  const out: OpenApiParameter[] = [];
  if (schema) {
    const s = jsonSchema(schema, 'input');
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, prop] of Object.entries(props)) {
      names.delete(name);
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        description: typeof prop.description === 'string' ? prop.description : undefined,
        schema: prop,
      });
    }
  }
  // Path parameters the schema does not describe are still strings.
  for (const name of names) out.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  return out;
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERRORS) },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The OpenAPI 3.1 document, generated from the same RouteSpecs and zod schemas the server validates with. */
export function buildOpenApi(routes: RouteSpec[], info: { version: string; serverUrl?: string }): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const r of routes) {
    const path = openApiPath(r.path);
    const pathParams = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const responses: OpenApiOperation['responses'] = {};
    const noContent = r.response === ZNoContent || (r.method === 'delete' && !r.response);
    const okStatus = noContent ? '204' : '200';
    responses[okStatus] = noContent
      ? { description: '成功（无内容）' }
      : r.response
      ? {
          description: '成功',
          content: { [r.produces ?? 'application/json']: { schema: jsonSchema(r.response, 'output') } },
        }
      : r.produces
        ? { description: '成功', content: { [r.produces]: { schema: {} } } }
        : { description: '成功' };
    if (r.body || r.query || r.params) responses['400'] = errorRef('输入有误（validation_failed，fields 列出字段和中文说明）');
    if (r.policy.requiresAuth) responses['401'] = errorRef('未登录或登录已失效');
    if (r.policy.requiresAuth) responses['403'] = errorRef('无权限（forbidden）或未同意隐私政策（consent_required）');
    responses['500'] = errorRef('服务器内部错误');

    const op: OpenApiOperation = {
      operationId: `${r.method}_${r.path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
      summary: r.summary,
      tags: r.tags,
      'x-policy': r.policy.name,
      'x-requires-consent': r.policy.requiresConsent,
      parameters: [...parametersOf(r.params, 'path', pathParams), ...parametersOf(r.query, 'query', [])],
      responses,
    };
    if (r.policy.requiresAuth) op.security = [{ bearer: [] }];
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Linli 邻里 API',
      version: info.version,
      description: '邻里：志愿服务、法律诊所、社区问题上报与公益捐赠。所有错误返回 { error: { code, message, fields? } }。',
    },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : [],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录接口返回的不透明令牌' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}
