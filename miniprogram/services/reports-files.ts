/** Reading a GeoJSON file for the grid import: the browser's file dialog on H5, a file from a chat on weapp. */
import Taro from '@tarojs/taro';
import { isH5 } from './nav';
import { GEOJSON_MAX_BYTES, GEOJSON_TOO_BIG as TOO_BIG } from './reports-geojson';

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

