import type { AppDeps } from '../../deps';
import type { RouteSpec } from '../../http/route';
import { residentBookingRoutes } from './routes-bookings-resident';
import { staffBookingRoutes } from './routes-bookings-staff';
import { clinicRoutes } from './routes-clinics';
import { mediationRoutes } from './routes-mediation';

export const routes = (deps: AppDeps): RouteSpec[] => [
  ...clinicRoutes(deps),
  ...residentBookingRoutes(deps),
  ...staffBookingRoutes(deps),
  ...mediationRoutes(deps),
];
