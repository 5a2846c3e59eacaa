/**
 * Grid import on the client: the checks that need no server — size, JSON syntax, a FeatureCollection
 * of at most 500 features. Row-level problems (polygons, codes, workers) come back from the server.
 * Reading the file is in reports-files.ts (platform APIs), so this stays plain and unit-tested.
 */
import { LIMITS } from '@shared/limits';

/** The request body limit: the file is sent as the JSON body. */
export const GEOJSON_MAX_BYTES = LIMITS.jsonBodyBytes;
export const GEOJSON_MAX_FEATURES = 500;
export const GEOJSON_TOO_BIG = `文件不能超过 ${Math.round(GEOJSON_MAX_BYTES / 1024)} KB，请拆分后分批导入`;

/** UTF-8 size without TextEncoder (not on every WeChat base library). A surrogate pair counts 2 + 2. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

export type TParsedCollection =
  | { ok: true; collection: { type: 'FeatureCollection'; features: unknown[] } }
  | { ok: false; message: string };

/** What can be said about the text before sending it; each feature is then checked by the server. */
/** The JSON parser's own text is English and names offsets: admins get a fixed Chinese hint instead. */
export const INVALID_JSON = '不是有效的 JSON，请检查括号、引号与逗号';

export function parseGridCollection(text: string): TParsedCollection {
  if (!text.trim()) return { ok: false, message: '请选择 GeoJSON 文件或粘贴其内容' };
  if (utf8Bytes(text) > GEOJSON_MAX_BYTES) return { ok: false, message: GEOJSON_TOO_BIG };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: INVALID_JSON };
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection') return { ok: false, message: '文件须为 GeoJSON FeatureCollection（type 为 "FeatureCollection"）' };
  if (!Array.isArray(fc.features) || fc.features.length === 0) return { ok: false, message: '没有可导入的网格（features 为空）' };
  if (fc.features.length > GEOJSON_MAX_FEATURES) return { ok: false, message: `一次最多导入 ${GEOJSON_MAX_FEATURES} 个网格` };
  return { ok: true, collection: { type: 'FeatureCollection', features: fc.features } };
}

// A grid code, not an error id: named so the error-id scan does not read `code: '…'` as one.
const EXAMPLE_GRID_CODE = 'grid_example';

/** A template admins can start from: one square grid with its code, name and grid workers' usernames. */
export const GEOJSON_TEMPLATE = JSON.stringify(
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: EXAMPLE_GRID_CODE, name: '示例网格', workers: ['demo-handler'] },
        geometry: { type: 'Polygon', coordinates: [[[116.43, 39.88], [116.45, 39.88], [116.45, 39.9], [116.43, 39.9], [116.43, 39.88]]] },
      },
    ],
  },
  null,
  2,
);
