/**
 * Loads the optional geo module (./geo) at run time. The engine works without it: geo operators
 * then answer a clean error instead of a crash.
 */
import * as path from 'path';
import type { Doc } from './values';

export interface GeoModule {
  registerGeoOperators(): void;
  nearSpec(filter: Doc): { path: string; center: [number, number]; maxDistance?: number; minDistance?: number; spherical: boolean } | null;
  distanceMeters(a: [number, number], b: [number, number]): number;
  nearDistance?(spec: NonNullable<ReturnType<GeoModule['nearSpec']>>, doc: Doc): number | null;
  /** `matcher` replaces the stage's own `query` test (e.g. () => true when docs are already filtered). */
  geoNearStage(docs: Doc[], spec: Doc, indexes: { key: Doc }[], matcher?: (doc: Doc, query: Doc) => boolean): Doc[];
  validateGeoJSON(value: unknown): string | null;
}

let loaded: GeoModule | null | undefined;

export function geo(): GeoModule | null {
  if (loaded !== undefined) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(__dirname, 'geo')) as Partial<GeoModule>;
    loaded = typeof mod.registerGeoOperators === 'function' ? (mod as GeoModule) : null;
    loaded?.registerGeoOperators();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    loaded = null;
  }
  return loaded;
}

export function geoValidator(): ((v: unknown) => string | null) | null {
  const g = geo();
  return g && typeof g.validateGeoJSON === 'function' ? g.validateGeoJSON : null;
}

const GEO_OPS = ['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within'];

/** True when a filter uses a geo operator anywhere. */
export function usesGeo(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesGeo);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) if (GEO_OPS.includes(k) || usesGeo(x)) return true;
  }
  return false;
}
