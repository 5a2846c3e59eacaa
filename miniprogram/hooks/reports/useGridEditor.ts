import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { ZGridInput, type TGridInput, type TPolygon } from '@shared/schemas/reports/taxonomy';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { useAction } from '../volunteering/useAction';
import { currentPosition } from '../volunteering/location';
import { parseBoundary, withVertex } from '../../services/reports-boundary';
import { reportsAdminApi, type TGrid } from '../../services/reports-admin';

type TForm = Omit<TGridInput, 'polygon'> & { polygon: TPolygon | null };
const BLANK: TForm = { code: '', name: '', polygon: null, workerIds: [], departmentByCategory: {} };

/**
 * One grid, new or edited: code, name, boundary (map picks vertex by vertex, or pasted GeoJSON),
 * grid workers (accounts with the handler role) and the departments responsible here for some
 * categories (instead of the category's default). Deleting asks first; reports already filed keep
 * the grid's code and new ones from the area go to the dispatcher.
 */
export function useGridEditor(reload: () => Promise<unknown>) {
  const handlers = useAsync(() => reportsAdminApi.handlers(), []);
  const [editing, setEditing] = useState<TGrid | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [boundary, setBoundaryText] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const action = useAction();
  const form = useForm(ZGridInput, BLANK as TGridInput, async (values) => {
    const g = await reportsAdminApi.saveGrid(values, editing?.id);
    setSaved(editing ? `已保存网格“${g.name}”` : `已新建网格“${g.name}”`);
    setEditing(null);
    setBoundaryText('');
    form.reset(BLANK as TGridInput);
    await reload();
  });
  const { reset, setField, values, errors } = form;

  const setBoundary = useCallback((text: string) => {
    setBoundaryText(text);
    setPickError(null);
    const p = parseBoundary(text);
    setField('polygon', (p.ok ? p.polygon : null) as TPolygon);
  }, [setField]);

  const edit = useCallback((g: TGrid | null) => {
    setSaved(null);
    setEditing(g);
    setPickError(null);
    const polygon = g ? ({ type: 'Polygon', coordinates: g.polygon.coordinates } as TPolygon) : null;
    setBoundaryText(polygon ? JSON.stringify(polygon) : '');
    reset((g ? { code: g.code, name: g.name, polygon, workerIds: g.workers.map((w) => w.id), departmentByCategory: { ...g.departmentByCategory } } : BLANK) as TGridInput);
  }, [reset]);

  /** A vertex from the map (weapp chooseLocation) or where the admin stands (both platforms). */
  const addVertex = useCallback(async (from: 'map' | 'here') => {
    setPickError(null);
    try {
      const p = from === 'map' ? await Taro.chooseLocation({}).then((r) => ({ lng: r.longitude, lat: r.latitude })) : await currentPosition();
      setBoundary(withVertex(boundary, p));
    } catch (e) {
      if (from === 'here') setPickError((e as Error).message);
    }
  }, [boundary, setBoundary]);

  const polygonError = Object.entries(errors).find(([k]) => k === 'polygon' || k.startsWith('polygon.'))?.[1];
  const parsed = parseBoundary(boundary);
  const boundaryError = pickError ?? (polygonError ? (parsed.ok ? polygonError : parsed.message) : undefined);

  const workerIds = values.workerIds ?? [];
  const overrides = values.departmentByCategory ?? {};
  const setOverride = (categoryCode: string, departmentId: string | null) => {
    const next = { ...overrides };
    if (departmentId) next[categoryCode] = departmentId;
    else delete next[categoryCode];
    setField('departmentByCategory', next);
  };

  const remove = useCallback((g: TGrid) => action.run(`delete-${g.id}`, async () => {
    setSaved(null);
    await reportsAdminApi.deleteGrid(g.id);
    if (editing?.id === g.id) edit(null);
    await reload();
    return `已删除网格“${g.name}”`;
  }, { title: '删除网格', content: `删除“${g.name}”后，已有工单保留其网格编号，此后该区域的上报进入调度队列。确定删除吗？`, confirmText: '删除', danger: true }), [action, edit, editing, reload]);

  return { handlers, form, editing, edit, saved, boundary, setBoundary, boundaryError, addVertex, workerIds, overrides, setOverride, action, remove };
}
