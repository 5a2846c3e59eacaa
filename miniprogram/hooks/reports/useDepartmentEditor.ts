import { useCallback, useState } from 'react';
import { ZDepartmentInput, type TDepartmentInput } from '@shared/schemas/reports/taxonomy';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { confirmAction } from '../../services/confirm';
import { reportsAdminApi, type TDepartment } from '../../services/reports-admin';

const BLANK: TDepartmentInput = { name: '', handlerIds: [] };

/**
 * 处置部门: the list and one form (name, handlers picked from the accounts holding the handler
 * role). Taking handlers off a department asks first: their open tasks stay, new ones stop.
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
  const { reset, setField, values } = form;
  const edit = useCallback((d: TDepartment | null) => {
    setSaved(null);
    setEditing(d);
    reset(d ? { name: d.name, handlerIds: d.handlers.map((h) => h.id) } : BLANK);
  }, [reset]);
  const picked = values.handlerIds ?? [];
  const toggleHandler = (id: string, on: boolean) => setField('handlerIds', on ? [...picked.filter((x) => x !== id), id] : picked.filter((x) => x !== id));
  return { list, handlers, form, editing, edit, saved, picked, toggleHandler };
}
