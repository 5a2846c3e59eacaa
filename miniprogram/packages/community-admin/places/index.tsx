import { Button, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { TPlaceImportResult } from '@shared/schemas/community/places';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CsvFilePicker } from '../../../components/community/CsvFilePicker';
import { PlaceForm } from '../../../components/community/PlaceForm';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { TextAreaField } from '../../../components/TextAreaField';
import { usePlaceEditor } from '../../../hooks/community/usePlaceEditor';
import { useAsync } from '../../../hooks/useAsync';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { communityApi } from '../../../services/community';
import { formErrorsFrom } from '../../../services/form-errors';
import { ApiError } from '../../../services/request';
import '../../community/community.scss';

const TEMPLATE = '名称,类型,地址,经度,纬度,电话,营业时间\n幸福里便民服务站,便民服务中心,示范区幸福路 8 号,116.405,39.916,010-12345678,周一至周五 08:30-17:30；周六 09:00-12:00';

/**
 * The 15-minute life circle's places: the list, one-by-one add and edit, deletion, and CSV import
 * (pasted or from a file) with a report of every
 * bad row. Nothing is imported while a row is wrong, unless 仅导入正确的行 is on.
 */
export default function CommunityPlacesAdminPage() {
  useStaffGuard();
  const list = useAsync(() => communityApi.adminPlaces({ page: 1 }), []);
  const [csv, setCsv] = useState(TEMPLATE);
  const [partial, setPartial] = useState(false);
  const [rows, setRows] = useState<{ path: string; message: string }[]>([]);
  const [result, setResult] = useState<TPlaceImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editor = usePlaceEditor((outcome) => {
    setSaved(outcome === 'created' ? '已添加服务点' : '已保存修改');
    void list.reload();
  });

  const runImport = async () => {
    setBusy(true);
    setError(null);
    setRows([]);
    setResult(null);
    try {
      const r = await communityApi.importPlaces(csv, partial);
      setResult(r);
      setRows(r.errors.map((e) => ({ path: `rows.${e.row}`, message: `第 ${e.row} 行“${e.field}”：${e.message}` })));
      void list.reload();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setRows(e.fields);
      setError(formErrorsFrom(e).form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    try {
      await communityApi.deletePlace(deleting);
      void list.reload();
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <PageShell title="便民服务点">
      <PlaceForm editor={editor} />
      <Notice type="success" id="place-saved" message={saved} />
      <View className="card" id="places-import">
        <CsvFilePicker onText={setCsv} onError={setError} />
        <TextAreaField id="places-csv" label="CSV 内容（首行为表头）" value={csv} maxlength={200000} height={260} onChange={setCsv} />
        <View className="v-item">
          <Text>仅导入正确的行（有错误的行跳过）</Text>
          <Switch id="places-partial" checked={partial} onChange={(e) => setPartial(e.detail.value)} />
        </View>
        <Button id="places-import-submit" className="btn" loading={busy} onClick={() => void runImport()}>
          导入
        </Button>
        <Notice message={error} id="places-import-error" />
        {result ? (
          <Notice type="success" id="places-import-result" message={`已导入 ${result.imported} 条${result.skipped ? `，跳过 ${result.skipped} 行` : ''}`} />
        ) : null}
        <View id="places-import-rows">
          {rows.map((r) => (
            <Text key={`${r.path}-${r.message}`} className="c-row-error">
              {r.message}
            </Text>
          ))}
        </View>
      </View>
      <View id="places-list">
        {list.data?.items.map((p) => (
          <View key={p.id} className="card c-item" id={`admin-place-${p.id}`}>
            <Text className="c-item__title">{p.name}</Text>
            <Text className="c-item__meta">
              {p.typeLabel} · {p.address} {p.openingHours ? `· ${p.openingHours}` : ''}
            </Text>
            {p.source === 'admin' ? (
              <View className="v-actions">
                <Text className="link" id={`admin-place-${p.id}-edit`} onClick={() => { setSaved(null); editor.edit(p); }}>
                  编辑
                </Text>
                <Text className="link" onClick={() => setDeleting(p.id)}>
                  删除
                </Text>
              </View>
            ) : (
              <Text className="c-item__meta">由{p.source === 'clinic' ? '法律诊所' : '志愿服务'}模块维护</Text>
            )}
          </View>
        ))}
      </View>
      <ConfirmDialog
        id="place-delete-dialog"
        open={deleting !== null}
        title="删除服务点"
        message="删除后居民将看不到这个服务点，确定删除吗？"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </PageShell>
  );
}
