import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import { RECONCILE_KINDS, RECONCILE_KIND_LABELS, fenToYuan, type TReconcileReport } from '@shared/schemas/donations';
import { EmptyState } from '../../../components/EmptyState';
import { FieldShell } from '../../../components/FieldShell';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { PickerField } from '../../../components/PickerField';
import { useAsync } from '../../../hooks/useAsync';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAction } from '../../../hooks/volunteering/useAction';
import { donationsApi } from '../../../services/donations';
import '../../charity/charity.scss';

const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
const money = (fen: number | null) => (fen === null ? '—' : `${fenToYuan(fen)} 元`);

/** District admin: a day's WeChat trade bill against our records — missing locally, missing at WeChat, amount differs. */
export default function ReconcilePage() {
  useStaffGuard();
  const charities = useAsync(() => donationsApi.charities(), []);
  const options = charities.data?.items ?? [];
  const [index, setIndex] = useState(0);
  const [date, setDate] = useState(yesterday());
  const [report, setReport] = useState<TReconcileReport | null>(null);
  const action = useAction();
  const charity = options[index];
  const run = () =>
    action.run('reconcile', async () => {
      if (!charity) throw new Error('请选择公益机构');
      setReport(null);
      setReport(await donationsApi.reconcile({ charityId: charity.id, date }));
    });

  return (
    <PageShell title="对账">
      <View className="card ch-item" id="reconcile-form">
        <FieldShell id="reconcile-charity" label="公益机构（商户）">
          <Picker id="reconcile-charity" mode="selector" range={options.map((c) => c.name)} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
            <View className="field__input picker-field__value" id="reconcile-charity-value">{charity?.name ?? '请选择'}</View>
          </Picker>
        </FieldShell>
        <PickerField id="reconcile-date" label="账单日期" mode="date" value={date} end={yesterday()} onChange={setDate} />
        <Button id="reconcile-submit" className="btn btn--primary" loading={action.busy === 'reconcile'} onClick={() => void run()}>
          下载账单并对账
        </Button>
      </View>
      <Notice message={charities.error ?? action.error} id="reconcile-error" />
      {report ? (
        <View id="reconcile-report">
          <View className="card ch-item">
            <Text className="card__title">{`${report.date} 对账结果`}</Text>
            <Text className="ch-meta">{`微信账单 ${report.wechatCount} 笔 ${money(report.wechatTotalFen)} · 本地 ${report.localCount} 笔 ${money(report.localTotalFen)}`}</Text>
          </View>
          {report.differences.length === 0 ? <EmptyState title="账目一致" description="微信账单与本地记录逐笔相符" /> : null}
          {RECONCILE_KINDS.map((kind) => {
            const rows = report.differences.filter((d) => d.kind === kind);
            return rows.length ? (
              <View key={kind} className="card ch-item" id={`reconcile-${kind}`}>
                <Text className="card__title">
                  {`${RECONCILE_KIND_LABELS[kind]}（${rows.length}）`}
                </Text>
                {rows.map((d) => (
                  <View key={d.outTradeNo} className="v-item">
                    <Text className="ch-meta">{d.outTradeNo}</Text>
                    <Text>{`微信 ${money(d.wechatFen)} / 本地 ${money(d.localFen)}`}</Text>
                  </View>
                ))}
              </View>
            ) : null;
          })}
        </View>
      ) : null}
    </PageShell>
  );
}
