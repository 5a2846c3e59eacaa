import { useCallback, useState } from 'react';
import { ZDepartmentInput, type TDepartmentInput } from '@shared/schemas/reports/taxonomy';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { useAction } from '../volunteering/useAction';
import { confirmAction } from '../../services/confirm';
import { reportsAdminApi, type TDepartment } from '../../services/reports-admin';

const BLANK: TDepartmentInput = { name: '', handlerIds: [] };

/**
 * 处置部门: the list and one form (name, handlers picked from the accounts holding the handler
 * role). Taking handlers off a department asks first: their open tasks stay, new ones stop.
 * Deleting asks first; the server refuses while a category, grid or open report still uses it,
 * and its reason is shown as it is.
 */
export function useDepartmentEditor() {
  const list = useAsync(() => reportsAdminApi.departments(), []);
  const handlers = useAsync(() => reportsAdminApi.handlers(), []);
  const [editing, setEditing] = useState<TDepartment | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { reload } = list;
  const form = useForm(ZDepartmentInput, BLANK, async (values) => {
    const dropped = (editing?.handlers ?? []).filter((h) => !values.handlerIds.includes(h.id));
    if (dropped.length) {
      const ok = await confirmAction({
        title: '移出处置人员',
        content: `将 ${dropped.map((h) => h.name).join('、')} 移出“${editing?.name}”后，新工单不再派给他们。确定吗？`,
        confirmText: '移出',
        danger: true,
      });
      if (!ok) return;
    }
    const d = await reportsAdminApi.saveDepartment(values, editing?.id);
    setSaved(editing ? `已保存“${d.name}”` : `已新建“${d.name}”`);
    setEditing(null);
    form.reset(BLANK);
    await reload();
  });
  const { reset, values } = form;
  const edit = useCallback((d: TDepartment | null) => {
    setSaved(null);
    setEditing(d);
    reset(d ? { name: d.name, handlerIds: d.handlers.map((h) => h.id) } : BLANK);
  }, [reset]);
  const action = useAction();
  const remove = useCallback((d: TDepartment) => action.run(`delete-${d.id}`, async () => {
    setSaved(null);
    await reportsAdminApi.deleteDepartment(d.id);
    if (editing?.id === d.id) edit(null);
    await reload();
    return `已删除“${d.name}”`;
  }, { title: '删除部门', content: `删除“${d.name}”后不能恢复。仍被类别、网格或未办结工单使用的部门不能删除。确定删除吗？`, confirmText: '删除', danger: true }), [action, edit, editing, reload]);
  const picked = values.handlerIds ?? [];
  return { list, handlers, form, editing, edit, saved, picked, action, remove };
}
