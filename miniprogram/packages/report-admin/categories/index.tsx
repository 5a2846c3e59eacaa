import { Button, Switch, Text, View } from '@tarojs/components';
import { CATEGORY_KINDS, SLA_CLOCKS } from '@shared/schemas/reports/taxonomy';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { AttributeOptions } from '../../../components/reports/AttributeOptions';
import { SelectField } from '../../../components/reports/SelectField';
import { SkeletonCards } from '../../../components/Skeleton';
import { useCategoryEditor } from '../../../hooks/reports/useCategoryEditor';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { minutesText } from '../../../services/reports-admin';
import '../../../components/volunteering/volunteering.scss';

const KIND_LABELS: Record<(typeof CATEGORY_KINDS)[number], string> = { event: '事件', component: '部件' };
const CLOCK_LABELS: Record<(typeof SLA_CLOCKS)[number], string> = { around_the_clock: '全天计时（街面问题）', working_day: '工作日计时（按工作日历）' };
const KINDS = CATEGORY_KINDS.map((k) => ({ key: k, label: KIND_LABELS[k] }));
const CLOCKS = SLA_CLOCKS.map((k) => ({ key: k, label: CLOCK_LABELS[k] }));

/** 问题类别 (GB/T 30428 事件 / 部件): default department, accept / arrive / resolve limits, clock, extra attributes. */
export default function ReportCategoriesPage() {
  useStaffGuard('district_admin');
  const c = useCategoryEditor();
  const { values, errors, setField } = c.form;
  const depts = [{ key: '', label: '无（进入调度队列）' }, ...(c.departments.data?.items ?? []).map((d) => ({ key: d.id, label: d.name }))];
  const sla = values.sla;
  return (
    <PageShell title="问题类别">
      <View className="card" id="category-form">
        <Text className="card__title">{c.editing ? `修改类别：${c.editing.label}` : '新建类别'}</Text>
        <FormField id="category-code" label="编码（英文小写，创建后用于对接）" value={values.code} error={errors.code} maxlength={40} onChange={(v) => setField('code', v)} />
        <FormField id="category-label" label="类别名称" value={values.label} error={errors.label} maxlength={20} onChange={(v) => setField('label', v)} />
        <FormField id="category-group" label="大类（如 市容环境）" value={values.group} error={errors.group} maxlength={20} onChange={(v) => setField('group', v)} />
        <SelectField id="category-kind" label="事件 / 部件" options={KINDS} value={values.kind} error={errors.kind} onChange={(k) => setField('kind', k)} />
        <SelectField id="category-department" label="默认处置部门" options={depts} value={values.defaultDepartmentId ?? ''} error={errors.defaultDepartmentId} onChange={(k) => setField('defaultDepartmentId', k || null)} />
        <FormField id="category-accept" label="受理时限（分钟）" type="number" value={minutesText(sla.acceptMinutes)} error={errors['sla.acceptMinutes']} maxlength={6} onChange={(v) => c.setSla('acceptMinutes', v)} />
        <FormField id="category-arrive" label="到场时限（分钟）" type="number" value={minutesText(sla.arriveMinutes)} error={errors['sla.arriveMinutes']} maxlength={6} onChange={(v) => c.setSla('arriveMinutes', v)} />
        <FormField id="category-resolve" label="处置时限（分钟）" type="number" value={minutesText(sla.resolveMinutes)} error={errors['sla.resolveMinutes']} maxlength={6} onChange={(v) => c.setSla('resolveMinutes', v)} />
        <SelectField id="category-clock" label="计时方式" options={CLOCKS} value={values.clock} error={errors.clock} onChange={(k) => setField('clock', k)} />
        <View className="field" id="category-attributes">
          <Text className="field__label">上报时须填写的附加属性</Text>
          {c.attributes.map((a, i) => (
            <View key={i} className="v-item" id={`category-attr-${i}`}>
              <FormField id={`category-attr-${i}-code`} label="属性编码" value={a.code} error={errors[`attributes.${i}.code`]} maxlength={40} onChange={(v) => c.setAttribute(i, { code: v })} />
              <FormField id={`category-attr-${i}-label`} label="属性名称（居民看到的）" value={a.label} error={errors[`attributes.${i}.label`]} maxlength={20} onChange={(v) => c.setAttribute(i, { label: v })} />
              <View className="row">
                <Text className="row__label">必填</Text>
                <Switch id={`category-attr-${i}-required`} checked={a.required !== false} onChange={(e) => c.setAttribute(i, { required: e.detail.value })} />
              </View>
              <AttributeOptions id={`category-attr-${i}`} options={a.options ?? []} errors={errors} path={`attributes.${i}.options`} onChange={(options) => c.setAttribute(i, { options: options.length ? options : undefined })} />
              <Button id={`category-attr-${i}-remove`} className="btn btn--plain" onClick={() => c.removeAttribute(i)}>
                移除此属性
              </Button>
            </View>
          ))}
          <Button id="category-attr-add" className="btn btn--plain" onClick={c.addAttribute}>
            添加属性
          </Button>
          {errors.attributes ? <Text className="field-error">{errors.attributes}</Text> : null}
        </View>
        <View className="row">
          <Text className="row__label">启用（居民可选择）</Text>
          <Switch id="category-active" checked={values.active !== false} onChange={(e) => setField('active', e.detail.value)} />
        </View>
        <Notice message={c.form.formError} id="category-error" />
        <Button id="category-submit" key={c.editing?.id ?? 'new'} className="btn btn--primary" loading={c.form.submitting} onClick={() => void c.form.submit()}>
          {c.editing ? '保存修改' : '新建类别'}
        </Button>
        {c.editing ? (
          <Button id="category-cancel" className="btn btn--plain" onClick={() => c.edit(null)}>
            放弃修改
          </Button>
        ) : null}
      </View>
      <Notice type="success" message={c.saved} id="category-saved" />
      {c.list.loading && !c.list.data ? <SkeletonCards count={3} /> : null}
      <Notice message={c.list.error} />
      <View id="category-list">
        {(c.list.data?.items ?? []).map((cat) => (
          <View key={cat.id} className="card v-item" id={`category-${cat.code}`}>
            <Text className="v-item__title">
              {cat.group} · {cat.label}（{KIND_LABELS[cat.kind]}）{cat.active ? '' : ' · 已停用'}
            </Text>
            <Text className="v-item__meta">
              受理 {cat.sla.acceptMinutes} 分钟 · 到场 {cat.sla.arriveMinutes} 分钟 · 处置 {cat.sla.resolveMinutes} 分钟 · {CLOCK_LABELS[cat.clock]}
            </Text>
            <Text className="v-item__meta">
              默认部门：{depts.find((d) => d.key === cat.defaultDepartmentId)?.label ?? '无'}
              {cat.attributes.length ? ` · 附加属性：${cat.attributes.map((a) => (a.options?.length ? `${a.label}（${a.options.join('/')}）` : a.label)).join('、')}` : ''}
            </Text>
            <Button id={`category-${cat.code}-edit`} className="btn btn--plain" onClick={() => c.edit(cat)}>
              修改
            </Button>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
