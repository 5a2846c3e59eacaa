import { z } from 'zod';
import { ZClientConfig, ZHealth, ZPrivacyPolicy } from '@shared/schemas/system';
import { pingConnection } from '../db';
import type { AppDeps } from '../deps';
import { templateIds } from '../modules/notifications';
import { PRIVACY_POLICY, currentPolicyVersion } from '../modules/privacy';
import { renderDocsPage } from './docs-page';
import { AppError } from './errors';
import { buildOpenApi, type OpenApiDocument } from './openapi';
import { publicAccess } from './policy';
import { defineRoute, type RouteSpec } from './route';

const VERSION = '0.1.0';

/** The document's outline (its contents are described by the OpenAPI 3.1 specification itself). */
const ZOpenApiDocument = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  components: z.record(z.string(), z.unknown()),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** Health, client config, privacy policy and the API's own documentation. */
export function systemRoutes(deps: AppDeps, allRoutes: () => RouteSpec[]): RouteSpec[] {
  let doc: OpenApiDocument | undefined;
  const openApi = () => (doc ??= buildOpenApi(allRoutes(), { version: VERSION, serverUrl: deps.config.PUBLIC_BASE_URL }));

  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: '健康检查：数据库可用时 200，否则 503 db_unavailable',
      tags: ['system'],
      policy: publicAccess,
      response: ZHealth,
      handler: async (ctx) => {
        if (!(await pingConnection(deps.db.connection, 1500))) throw new AppError('db_unavailable');
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { status: 'ok', db: deps.db.kind };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/client-config',
      summary: '客户端配置：隐私政策版本、订阅消息模板、是否允许开发登录',
      tags: ['system'],
      policy: publicAccess,
      response: ZClientConfig,
      handler: async (ctx) => {
        ctx.body = {
          privacyPolicyVersion: currentPolicyVersion(),
          subscribeTemplates: templateIds(deps.config),
          devLogin: deps.config.WECHAT_SANDBOX && !deps.config.isProduction,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/privacy-policy',
      summary: '隐私政策全文与版本（正文段落以换行分隔）',
      tags: ['system'],
      policy: publicAccess,
      response: ZPrivacyPolicy,
      handler: async (ctx) => {
        ctx.body = { version: PRIVACY_POLICY.version, title: PRIVACY_POLICY.title, body: PRIVACY_POLICY.body };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'OpenAPI 3 文档（由路由与 zod 模式生成）',
      tags: ['system'],
      policy: publicAccess,
      response: ZOpenApiDocument,
      handler: async (ctx) => {
        ctx.body = openApi();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      summary: '可读的接口文档页面',
      tags: ['system'],
      policy: publicAccess,
      produces: 'text/html',
      handler: async (ctx) => {
        ctx.type = 'text/html; charset=utf-8';
        // The page is static HTML with inline styles only.
        ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        ctx.body = renderDocsPage(openApi());
      },
    }),
  ];
}
