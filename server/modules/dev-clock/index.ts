import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import type { Policy } from '../../http/policy';
import { defineModule } from '../../platform/module';
import { advanceDevClock, devNow } from './clock';
import { ZAdvanceClock, ZClockState, type TAdvanceClock } from './schema';

export { devNow } from './clock';

/** Anyone may move the clock, but only on a server started with DEV_CLOCK_CONTROL (never production). */
const devClockEnabled = (deps: AppDeps): Policy => ({
  name: 'dev_clock_enabled',
  requiresAuth: false,
  requiresConsent: false,
  allows: () => deps.config.DEV_CLOCK_CONTROL && !deps.config.isProduction,
});

function routes(deps: AppDeps): RouteSpec[] {
  // Not mounted at all otherwise: the path answers 404 like any unknown one.
  if (!deps.config.DEV_CLOCK_CONTROL || deps.config.isProduction) return [];
  return [
    defineRoute<TAdvanceClock>({
      method: 'post',
      path: '/api/dev/clock',
      summary: '开发环境：把服务器时钟向前拨（仅 DEV_CLOCK_CONTROL 开启时存在）',
      tags: ['dev'],
      policy: devClockEnabled(deps),
      body: ZAdvanceClock,
      response: ZClockState,
      handler: async (ctx, { body }) => {
        const offsetMs = advanceDevClock(body.advanceMs);
        deps.logger.warn({ offsetMs }, 'dev clock advanced');
        ctx.body = { now: devNow().toISOString(), offsetMs };
      },
    }),
  ];
}

/** Development-only clock control for browser journeys (issue 11). */
export const devClockModule = defineModule({ name: 'dev-clock', routes });
