import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { GridForm } from '../../../components/reports/GridForm';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { TextAreaField } from '../../../components/TextAreaField';
import { useGridEditor } from '../../../hooks/reports/useGridEditor';
import { useGridImport } from '../../../hooks/reports/useGridImport';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { GEOJSON_MAX_BYTES } from '../../../services/reports-geojson';
import '../../../components/volunteering/volunteering.scss';

/**
 * 网格: every grid with its workers (修改 / 删除), the single-grid form, and the GeoJSON import
 * (FeatureCollection; properties code, name, workers = usernames; geometry a GCJ-02 Polygon).
 */
export default function ReportGridsPage() {
  useStaffGuard('district_admin');
  const g = useGridImport();
  const e = useGridEditor(g.list.reload);
  const grids = g.list.data?.items ?? [];
  const r = g.result;
  return (
    <PageShell title="网格">
      <GridForm g={e} />
      <Notice type="success" message={e.saved} id="grid-saved" />
      <Notice message={e.action.error} id="grid-delete-error" />
      <Notice type="success" message={e.action.success} id="grid-delete-success" />
      <View className="card" id="grids-import">
        <Text className="card__title">从 GeoJSON 导入网格</Text>
        <Text className="v-item__meta">
          每个 Feature 一个网格：properties 填 code（编码）、name（名称）、workers（网格员用户名）；geometry 为 GCJ-02 坐标的 Polygon。编码已存在的网格会被更新。
        </Text>
        <Button id="grids-file" className="btn btn--plain" loading={g.action.busy === 'file'} onClick={() => void g.chooseFile()}>
          选择 GeoJSON 文件（不超过 {Math.round(GEOJSON_MAX_BYTES / 1024)} KB）
        </Button>
        {g.fileName ? <Text className="muted" id="grids-file-name">{g.fileName}</Text> : null}
        <TextAreaField id="grids-text" label="GeoJSON 内容" value={g.text} error={g.textError ?? undefined} maxlength={GEOJSON_MAX_BYTES} height={320} onChange={g.edit} />
        <Button id="grids-import-submit" className="btn btn--primary" loading={g.action.busy === 'import'} onClick={() => void g.runImport()}>
          导入
        </Button>
        <Notice message={g.action.error} id="grids-import-error" />
        <Notice type="success" message={g.action.success} id="grids-import-result" />
        {r && r.imported === 0 && r.errors.length ? <Notice message="没有导入任何网格，请按下列提示修改后重试" id="grids-import-none" /> : null}
        {r?.errors.length ? (
          <View id="grids-import-rows">
            {r.errors.map((e) => (
              <Text key={`${e.row}-${e.message}`} className="field-error" id={`grids-import-row-${e.row}`}>
                第 {e.row} 行{e.code ? `（${e.code}）` : ''}：{e.message}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      {g.list.loading && !g.list.data ? <SkeletonCards count={3} /> : null}
      <Notice message={g.list.error} />
      {!g.list.loading && grids.length === 0 ? <EmptyState title="暂无网格" /> : null}
      <View id="grids-list">
        {grids.map((grid) => (
          <View key={grid.id} className="card v-item" id={`grid-${grid.code}`}>
            <Text className="v-item__title">
              {grid.name}（{grid.code}）
            </Text>
            <Text className="v-item__meta">网格员：{grid.workers.map((w) => w.name).join('、') || '暂无'}</Text>
            <Text className="v-item__meta">边界 {Math.max(0, (grid.polygon.coordinates[0]?.length ?? 1) - 1)} 个顶点{grid.polygon.coordinates.length > 1 ? `，${grid.polygon.coordinates.length - 1} 个内环` : ''}</Text>
            <View className="v-actions">
              <Button id={`grid-${grid.code}-edit`} className="btn btn--plain" onClick={() => e.edit(grid)}>
                修改
              </Button>
              <Button id={`grid-${grid.code}-delete`} className="btn btn--plain" loading={e.action.busy === `delete-${grid.id}`} onClick={() => void e.remove(grid)}>
                <Text>删除</Text>
              </Button>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
