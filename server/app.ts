import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './deps';
import { AppError } from './http/errors';
import { bodyParser } from './http/middleware/body';
import { apiCacheControl } from './http/middleware/cache-control';
import { compressResponses } from './http/middleware/compress';
import { closeIfBodyUnread } from './http/middleware/connection';
import { corsFor } from './http/middleware/cors';
import { errorHandler } from './http/middleware/error-handler';
import { methodOverride } from './http/middleware/method-override';
import { requestId } from './http/middleware/request-id';
import { requestLog } from './http/middleware/request-log';
import { securityHeaders } from './http/middleware/security-headers';
import { mountRoutes } from './http/mount';
import { createResponseChecker } from './http/response-check';
import type { LinliState, RouteSpec } from './http/route';
import { serveSpa } from './http/static-spa';
import { systemRoutes } from './http/system-routes';
import { createAuthenticator } from './modules/auth';
import { allRoutes } from './modules';

export interface LinliApp extends Koa<LinliState> {
  /** The mounted router and the RouteSpecs behind it (the routes test enumerates both). */
  router: Router<LinliState>;
  routeSpecs: RouteSpec[];
}

export interface CreateAppOptions {
  /** Serve the built H5 portal from this folder at `/` (npm start). */
  staticDir?: string;
  /** True while the first H5 build runs: pages answer 503 "being built" instead of 404. */
  portalBuilding?: () => boolean;
  /**
   * Check every JSON answer against its route's schema (default: in test mode). Benches turn it
   * off to measure what production runs.
   */
  checkResponses?: boolean;
}

/** The Koa app, fully wired, without listen(): main and tests decide where it runs. */
export function createApp(deps: AppDeps, opts: CreateAppOptions = {}): LinliApp {
  // X-Forwarded-For is believed only for the configured number of proxies that overwrite it;
  // otherwise a client could rotate the header to walk past the login rate limit.
  const hops = deps.config.TRUST_PROXY_HOPS;
  const app = new Koa<LinliState>({ proxy: hops > 0, maxIpsCount: hops }) as LinliApp;
  const specs: RouteSpec[] = [];
  specs.push(...systemRoutes(deps, () => specs), ...allRoutes(deps));

  const router = new Router<LinliState>();
  const checkResponse = (opts.checkResponses ?? deps.config.NODE_ENV === 'test') ? createResponseChecker(deps.logger) : undefined;
  mountRoutes(router, specs, createAuthenticator(deps.now), checkResponse);

  app.use(requestId());
  app.use(requestLog(deps.logger));
  app.use(securityHeaders({ hsts: deps.config.isProduction }));
  app.use(corsFor(deps.config.CORS_ORIGINS));
  app.use(closeIfBodyUnread());
  app.use(apiCacheControl());
  // Outside the error handler so error bodies are compressed too; precompressed portal files pass through.
  app.use(compressResponses());
  app.use(errorHandler(deps.logger));
  app.use(methodOverride());
  app.use(bodyParser());
  app.use(router.routes());
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new AppError('method_not_allowed'),
      notImplemented: () => new AppError('method_not_allowed'),
    }),
  );
  if (opts.staticDir) app.use(serveSpa(opts.staticDir, { building: opts.portalBuilding }));

  // Errors are answered by errorHandler; this only keeps Koa from printing them to stderr.
  app.silent = true;
  app.router = router;
  app.routeSpecs = specs;
  return app;
}
