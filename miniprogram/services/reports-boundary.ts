/**
 * One grid's boundary in the grid form: pasted GeoJSON (a Polygon, a Feature holding one, or bare
 * coordinates) or built a vertex at a time from map picks. Plain functions, unit-tested; the
 * server still checks rings, ranges and self-intersection.
 */
import type { TPolygon } from '@shared/schemas/reports/taxonomy';

export type TParsedBoundary = { ok: true; polygon: TPolygon } | { ok: false; message: string };

type TPosition = [number, number];

/** The boundary text as the Polygon the API takes, or why it is not one. */
export function parseBoundary(text: string): TParsedBoundary {
  if (!text.trim()) return { ok: false, message: '请在地图上选点或粘贴 GeoJSON 边界' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `不是有效的 JSON：${(e as Error).message}` };
  }
  const o = json as { type?: unknown; geometry?: unknown; coordinates?: unknown };
  const geometry = (o && typeof o === 'object' && o.type === 'Feature' ? o.geometry : Array.isArray(json) ? { type: 'Polygon', coordinates: json } : json) as
    | { type?: unknown; coordinates?: unknown }
    | null;
  if (!geometry || typeof geometry !== 'object' || geometry.type !== 'Polygon') return { ok: false, message: '边界须为 GeoJSON Polygon（或含 Polygon 的 Feature）' };
  if (!Array.isArray(geometry.coordinates)) return { ok: false, message: 'Polygon 缺少 coordinates' };
  return { ok: true, polygon: { type: 'Polygon', coordinates: geometry.coordinates as TPolygon['coordinates'] } };
}

const same = (a: TPosition | undefined, b: TPosition | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];
/** Six decimals: about 0.1 m, more than a map pick is worth. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The boundary with one more vertex on its outer ring (inner rings kept), closed again so it is
 * a valid ring from the third vertex on. Text that is not a polygon yet starts a new one.
 */
export function withVertex(text: string, p: { lng: number; lat: number }): string {
  const parsed = parseBoundary(text);
  const rings = parsed.ok ? parsed.polygon.coordinates.map((r) => r.map((x) => [x[0], x[1]] as TPosition)) : [[]];
  const outer = rings[0] ?? [];
  const open = outer.length > 1 && same(outer[0], outer[outer.length - 1]) ? outer.slice(0, -1) : outer;
  const next: TPosition[] = [...open, [round(p.lng), round(p.lat)]];
  const ring = next.length >= 3 ? [...next, next[0]] : next;
  return JSON.stringify({ type: 'Polygon', coordinates: [ring, ...rings.slice(1)] });
}

/** How many distinct vertices the outer ring has (the closing point not counted). */
export function vertexCount(polygon: TPolygon): number {
  const outer = polygon.coordinates[0] ?? [];
  return outer.length > 1 && same(outer[0] as TPosition, outer[outer.length - 1] as TPosition) ? outer.length - 1 : outer.length;
}
