import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { HandlerSwitches } from '../../../components/reports/HandlerSwitches';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { useDepartmentEditor } from '../../../hooks/reports/useDepartmentEditor';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import '../../../components/volunteering/volunteering.scss';

/** 处置部门: name and handlers (accounts with the 处置人员 role, granted under 人员与角色). */
export default function ReportDepartmentsPage() {
  useStaffGuard('district_admin');
  const d = useDepartmentEditor();
  const { values, errors, setField } = d.form;
  const people = d.handlers.data?.items ?? [];
  return (
    <PageShell title="处置部门">
      <View className="card" id="department-form">
        <Text className="card__title">{d.editing ? `修改部门：${d.editing.name}` : '新建部门'}</Text>
        <FormField id="department-name" label="部门名称" value={values.name} error={errors.name} maxlength={30} onChange={(v) => setField('name', v)} />
        <HandlerSwitches id="department-handlers" rowId="department-handler" label="处置人员（已授予“处置人员”角色的账号）" empty="暂无处置人员账号，请先在“人员与角色”中授予角色" people={people} loading={d.handlers.loading} picked={d.picked} error={errors.handlerIds} onChange={(ids) => setField('handlerIds', ids)} />
        <Notice message={d.form.formError} id="department-error" />
        <Button id="department-submit" key={d.editing?.id ?? 'new'} className="btn btn--primary" loading={d.form.submitting} onClick={() => void d.form.submit()}>
          {d.editing ? '保存修改' : '新建部门'}
        </Button>
        {d.editing ? (
          <Button id="department-cancel" className="btn btn--plain" onClick={() => d.edit(null)}>
            放弃修改
          </Button>
        ) : null}
      </View>
      <Notice type="success" message={d.saved} id="department-saved" />
      <Notice message={d.action.error} id="department-delete-error" />
      <Notice type="success" message={d.action.success} id="department-delete-success" />
      {d.list.loading && !d.list.data ? <SkeletonCards count={2} /> : null}
      <Notice message={d.list.error} />
      {!d.list.loading && !d.list.data?.items.length ? <EmptyState title="暂无部门" /> : null}
      <View id="department-list">
        {(d.list.data?.items ?? []).map((dept) => (
          <View key={dept.id} className="card v-item" id={`department-${dept.id}`}>
            <Text className="v-item__title">{dept.name}</Text>
            <Text className="v-item__meta">处置人员：{dept.handlers.map((h) => h.name).join('、') || '暂无'}</Text>
            <View className="v-actions">
              <Button id={`department-${dept.id}-edit`} className="btn btn--plain" onClick={() => d.edit(dept)}>
                修改
              </Button>
              <Button id={`department-${dept.id}-delete`} className="btn btn--plain" loading={d.action.busy === `delete-${dept.id}`} onClick={() => void d.remove(dept)}>
                <Text>删除</Text>
              </Button>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
