import { useCallback, useState } from 'react';
import { ZCategoryInput, type TCategoryAttribute, type TCategoryInput } from '@shared/schemas/reports/taxonomy';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { confirmAction } from '../../services/confirm';
import { reportsAdminApi, type TCategory } from '../../services/reports-admin';

type TForm = TCategoryInput;
const BLANK: TForm = {
  code: '',
  label: '',
  kind: 'event',
  group: '',
  defaultDepartmentId: null,
  sla: { acceptMinutes: 60, arriveMinutes: 120, resolveMinutes: 1440 },
  clock: 'around_the_clock',
  attributes: [],
  active: true,
};
const fromDto = (c: TCategory): TForm => ({
  code: c.code,
  label: c.label,
  kind: c.kind,
  group: c.group,
  defaultDepartmentId: c.defaultDepartmentId,
  sla: { ...c.sla },
  clock: c.clock,
  attributes: c.attributes.map((a) => ({ ...a })),
  active: c.active,
});

/** A minutes box's text as the number the schema checks (blank → missing, so its message shows). */
export const minutesFrom = (text: string): number => (text.trim() === '' ? (undefined as unknown as number) : Number(text));

/**
 * 问题类别: the list (inactive ones too) and one form for new and edited categories, checked with
 * the server's own schema; switching a category off asks first (residents stop seeing it).
 */
export function useCategoryEditor() {
  const list = useAsync(() => reportsAdminApi.categories(), []);
  const departments = useAsync(() => reportsAdminApi.departments(), []);
  const [editing, setEditing] = useState<TCategory | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { reload } = list;
  const form = useForm(ZCategoryInput, BLANK, async (values) => {
    if (editing?.active && !values.active) {
      const ok = await confirmAction({ title: '停用类别', content: `停用“${editing.label}”后居民将不能再选择它上报，已有工单不受影响。确定停用吗？`, confirmText: '停用', danger: true });
      if (!ok) return;
    }
    const c = await reportsAdminApi.saveCategory(values, editing?.id);
    setSaved(editing ? `已保存“${c.label}”` : `已新建“${c.label}”`);
    setEditing(null);
    form.reset(BLANK);
    await reload();
  });
  const { reset, setField, values } = form;
  const edit = useCallback((c: TCategory | null) => {
    setSaved(null);
    setEditing(c);
    reset(c ? fromDto(c) : BLANK);
  }, [reset]);
  const setSla = (k: keyof TForm['sla'], text: string) => setField('sla', { ...values.sla, [k]: minutesFrom(text) });
  const attributes = (values.attributes ?? []) as TCategoryAttribute[];
  const setAttribute = (i: number, patch: Partial<TCategoryAttribute>) =>
    setField('attributes', attributes.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const addAttribute = () => setField('attributes', [...attributes, { code: '', label: '', required: true }]);
  const removeAttribute = (i: number) => setField('attributes', attributes.filter((_, j) => j !== i));
  return { list, departments, form, editing, edit, saved, setSla, attributes, setAttribute, addAttribute, removeAttribute };
}
