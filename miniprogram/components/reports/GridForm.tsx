import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { TextAreaField } from '../TextAreaField';
import { HandlerSwitches } from './HandlerSwitches';
import { SelectField } from './SelectField';
import type { useGridEditor } from '../../hooks/reports/useGridEditor';
import { useAsync } from '../../hooks/useAsync';
import { isH5 } from '../../services/nav';
import { parseBoundary, vertexCount } from '../../services/reports-boundary';
import { reportsAdminApi } from '../../services/reports-admin';

interface Props {
  g: ReturnType<typeof useGridEditor>;
}

/** The single-grid form (新建 / 修改网格): `#grid-form`, fields `#grid-<name>`. */
export function GridForm({ g }: Props) {
  const { values, errors, setField } = g.form;
  const cats = useAsync(() => reportsAdminApi.categories(), []);
  const depts = useAsync(() => reportsAdminApi.departments(), []);
  const [cat, setCat] = useState<string | null>(null);
  const [dept, setDept] = useState<string | null>(null);
  const catItems = cats.data?.items ?? [];
  const deptItems = depts.data?.items ?? [];
  const people = g.handlers.data?.items ?? [];
  const parsed = parseBoundary(g.boundary);
  const overrides = Object.entries(g.overrides);
  return (
    <View className="card" id="grid-form">
      <Text className="card__title">{g.editing ? `修改网格：${g.editing.name}` : '新建网格'}</Text>
      <FormField id="grid-code" label="网格编码（英文小写）" value={values.code} error={errors.code} maxlength={40} onChange={(v) => setField('code', v)} />
      <FormField id="grid-name" label="网格名称" value={values.name} error={errors.name} maxlength={30} onChange={(v) => setField('name', v)} />
      <View className="field" id="grid-boundary-picks">
        <Text className="field__label">边界：依次在地图上选点（至少 3 个顶点），或在下方粘贴 GeoJSON Polygon</Text>
        <Text className="muted" id="grid-boundary-summary">
          {parsed.ok ? `已有 ${vertexCount(parsed.polygon)} 个顶点${parsed.polygon.coordinates.length > 1 ? `，${parsed.polygon.coordinates.length - 1} 个内环` : ''}` : '尚未设置边界'}
        </Text>
        <View className="v-actions">
          {!isH5 ? (
            <Button id="grid-vertex-map" className="btn btn--plain" onClick={() => void g.addVertex('map')}>
              在地图上选点
            </Button>
          ) : null}
          <Button id="grid-vertex-here" className="btn btn--plain" onClick={() => void g.addVertex('here')}>
            以当前位置为顶点
          </Button>
          <Button id="grid-vertex-clear" className="btn btn--plain" onClick={() => g.setBoundary('')}>
            清空边界
          </Button>
        </View>
      </View>
      <TextAreaField id="grid-boundary" label="边界 GeoJSON（GCJ-02 坐标）" value={g.boundary} error={g.boundaryError} maxlength={20000} height={160} onChange={g.setBoundary} />
      <HandlerSwitches id="grid-workers" rowId="grid-worker" label="网格员（已授予“处置人员”角色的账号）" empty="暂无处置人员账号" people={people} loading={g.handlers.loading} picked={g.workerIds} error={errors.workerIds} onChange={(ids) => setField('workerIds', ids)} />
      <View className="field" id="grid-departments">
        <Text className="field__label">本网格的责任部门（未设置的类别按类别默认部门）</Text>
        {overrides.map(([code, deptId]) => (
          <View key={code} className="row" id={`grid-department-${code}`}>
            <Text className="row__label">
              {catItems.find((c) => c.code === code)?.label ?? code} → {deptItems.find((d) => d.id === deptId)?.name ?? '部门已删除'}
            </Text>
            <Button id={`grid-department-${code}-remove`} className="btn btn--plain" onClick={() => g.setOverride(code, null)}>
              移除
            </Button>
          </View>
        ))}
        <SelectField id="grid-override-category" label="类别" options={catItems.map((c) => ({ key: c.code, label: `${c.group} · ${c.label}` }))} value={cat} onChange={setCat} />
        <SelectField id="grid-override-department" label="责任部门" options={deptItems.map((d) => ({ key: d.id, label: d.name }))} value={dept} onChange={setDept} />
        <Button id="grid-override-add" className="btn btn--plain" onClick={() => {
          if (cat && dept) g.setOverride(cat, dept);
        }}>
          设为本网格该类别的责任部门
        </Button>
        {errors.departmentByCategory ? <Text className="field-error">{errors.departmentByCategory}</Text> : null}
      </View>
      <Notice message={g.form.formError} id="grid-error" />
      <Button id="grid-submit" key={g.editing?.id ?? 'new'} className="btn btn--primary" loading={g.form.submitting} onClick={() => void g.form.submit()}>
        <Text>{g.editing ? '保存网格' : '新建网格'}</Text>
      </Button>
      {g.editing ? (
        <Button id="grid-cancel" className="btn btn--plain" onClick={() => g.edit(null)}>
          放弃修改
        </Button>
      ) : null}
    </View>
  );
}
