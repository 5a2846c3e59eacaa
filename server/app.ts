import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './deps';
import { AppError } from './http/errors';
import { bodyParser } from './http/middleware/body';
import { compressResponses } from './http/middleware/compress';
import { corsFor } from './http/middleware/cors';
import { errorHandler } from './http/middleware/error-handler';
import { methodOverride } from './http/middleware/method-override';
import { requestId } from './http/middleware/request-id';
import { requestLog } from './http/middleware/request-log';
import { securityHeaders } from './http/middleware/security-headers';
import { mountRoutes } from './http/mount';
import type { LinliState, RouteSpec } from './http/route';
import { serveSpa } from './http/static-spa';
import { systemRoutes } from './http/system-routes';
import { createAuthenticator } from './modules/auth/authenticate';
import { allRoutes } from './modules';

export interface LinliApp extends Koa<LinliState> {
  /** The mounted router and the RouteSpecs behind it (the routes test enumerates both). */
  router: Router<LinliState>;
  routeSpecs: RouteSpec[];
}

export interface CreateAppOptions {
  /** Serve the built H5 portal from this folder at `/` (npm start). */
  staticDir?: string;
}

/** The Koa app, fully wired, without listen(): main and tests decide where it runs. */
export function createApp(deps: AppDeps, opts: CreateAppOptions = {}): LinliApp {
  const app = new Koa<LinliState>({ proxy: deps.config.isProduction }) as LinliApp;
  const specs: RouteSpec[] = [];
  specs.push(...systemRoutes(deps, () => specs), ...allRoutes(deps));

  const router = new Router<LinliState>();
  mountRoutes(router, specs, createAuthenticator(deps.now));

  app.use(requestId());
  app.use(requestLog(deps.logger));
  app.use(securityHeaders({ hsts: deps.config.isProduction }));
  app.use(corsFor(deps.config.CORS_ORIGINS));
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
  if (opts.staticDir) app.use(serveSpa(opts.staticDir));

  // Errors are answered by errorHandler; this only keeps Koa from printing them to stderr.
  app.silent = true;
  app.router = router;
  app.routeSpecs = specs;
  return app;
}
