import type { AppDeps } from '../../deps';
import type { RouteSpec } from '../../http/route';
import { bookingRoutes } from './routes-bookings';
import { clinicRoutes } from './routes-clinics';
import { mediationRoutes } from './routes-mediation';

export const routes = (deps: AppDeps): RouteSpec[] => [
  ...clinicRoutes(deps),
  ...bookingRoutes(deps),
  ...mediationRoutes(deps),
];
