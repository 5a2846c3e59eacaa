import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { pickGeoJsonFile } from '../../services/reports-files';
import { GEOJSON_TEMPLATE, parseGridCollection } from '../../services/reports-geojson';
import { reportsAdminApi, type TGridImportResult } from '../../services/reports-admin';

/**
 * 网格: the list and the GeoJSON import. The text comes from a file or is pasted; what the client
 * can check (size, JSON, FeatureCollection) is shown at once, each bad feature row after sending.
 * Good rows are imported (added or updated by code) even when others are wrong.
 */
export function useGridImport() {
  const list = useAsync(() => reportsAdminApi.grids(), []);
  const action = useAction();
  const [text, setText] = useState(GEOJSON_TEMPLATE);
  const [fileName, setFileName] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const [result, setResult] = useState<TGridImportResult | null>(null);
  const { reload } = list;

  const edit = useCallback((t: string) => {
    setText(t);
    setTextError(null);
    setResult(null);
  }, []);

  const chooseFile = useCallback(() => action.run('file', async () => {
    const t = await pickGeoJsonFile();
    if (t === null) return null;
    edit(t);
    setFileName('已读取文件');
    return null;
  }), [action, edit]);

  const runImport = useCallback(() => action.run('import', async () => {
    setResult(null);
    const parsed = parseGridCollection(text);
    if (!parsed.ok) {
      setTextError(parsed.message);
      throw new Error('文件内容有误，请按提示修改');
    }
    setTextError(null);
    const r = await reportsAdminApi.importGrids(parsed.collection);
    setResult(r);
    await reload();
    if (r.errors.length) return r.imported ? `已导入 ${r.imported} 个网格，${r.errors.length} 行有误未导入` : null;
    return `已导入 ${r.imported} 个网格`;
  }), [action, reload, text]);

  return { list, action, text, edit, fileName, textError, result, chooseFile, runImport };
}
