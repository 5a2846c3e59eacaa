/**
 * Grid import on the client: reading a GeoJSON file (the browser's file dialog on H5, a file from a
 * chat on weapp) and the checks that need no server — size, JSON syntax, a FeatureCollection of
 * at most 500 features. Row-level problems (polygons, codes, workers) come back from the server.
 */
import Taro from '@tarojs/taro';
import { LIMITS } from '@shared/limits';
import { isH5 } from './nav';

/** The request body limit: the file is sent as the JSON body. */
export const GEOJSON_MAX_BYTES = LIMITS.jsonBodyBytes;
export const GEOJSON_MAX_FEATURES = 500;
const TOO_BIG = `文件不能超过 ${Math.round(GEOJSON_MAX_BYTES / 1024)} KB，请拆分后分批导入`;

function pickInBrowser(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.geojson,.json,application/geo+json,application/json';
    input.id = 'grids-file-input';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      if (file.size > GEOJSON_MAX_BYTES) return reject(new Error(TOO_BIG));
      file.text().then(resolve, () => reject(new Error('无法读取该文件')));
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWeapp(): Promise<string | null> {
  const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['geojson', 'json'] }).catch(() => null);
  const file = r?.tempFiles[0];
  if (!file) return null;
  if (file.size > GEOJSON_MAX_BYTES) throw new Error(TOO_BIG);
  return Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string;
}

/** The chosen file's text (a leading BOM dropped), or null when the user cancelled. */
export async function pickGeoJsonFile(): Promise<string | null> {
  const text = await (isH5 ? pickInBrowser() : pickInWeapp());
  return text === null ? null : text.replace(/^\uFEFF/, '');
}

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
export function parseGridCollection(text: string): TParsedCollection {
  if (!text.trim()) return { ok: false, message: '请选择 GeoJSON 文件或粘贴其内容' };
  if (utf8Bytes(text) > GEOJSON_MAX_BYTES) return { ok: false, message: TOO_BIG };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `不是有效的 JSON：${(e as Error).message}` };
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection') return { ok: false, message: '文件须为 GeoJSON FeatureCollection（type 为 "FeatureCollection"）' };
  if (!Array.isArray(fc.features) || fc.features.length === 0) return { ok: false, message: '没有可导入的网格（features 为空）' };
  if (fc.features.length > GEOJSON_MAX_FEATURES) return { ok: false, message: `一次最多导入 ${GEOJSON_MAX_FEATURES} 个网格` };
  return { ok: true, collection: { type: 'FeatureCollection', features: fc.features } };
}

/** A template admins can start from: one square grid with its code, name and grid workers' usernames. */
export const GEOJSON_TEMPLATE = JSON.stringify(
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'grid_example', name: '示例网格', workers: ['demo-handler'] },
        geometry: { type: 'Polygon', coordinates: [[[116.43, 39.88], [116.45, 39.88], [116.45, 39.9], [116.43, 39.9], [116.43, 39.88]]] },
      },
    ],
  },
  null,
  2,
);
