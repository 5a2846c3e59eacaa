import { Button, Text, View } from '@tarojs/components';
import { fenToYuan } from '@shared/schemas/donations';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { useAction } from '../../../hooks/volunteering/useAction';
import { downloadAuthed } from '../../../hooks/volunteering/download';
import { donationsApi } from '../../../services/donations';
import { formatTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../charity.scss';

/** My donations, with the 捐赠确认 PDF of each paid one and a link to its public verification. */
export default function MyDonationsPage() {
  const list = useAsync(() => donationsApi.myDonations(), []);
  const action = useAction();
  return (
    <PageShell title="我的捐赠">
      <Notice message={list.error ?? action.error} id="mine-error" />
      <Notice message={action.success} type="success" id="mine-message" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="还没有捐赠记录" /> : null}
      <View id="mine-list">
        {list.data?.items.map((d) => (
          <View key={d.id} className="card ch-item my-donation" id={`donation-${d.id}`} data-status={d.status}>
            <Text className="ch-title" onClick={() => go(withQuery(ROUTES.charityProject, { id: d.project.id }))}>
              {d.project.title}
            </Text>
            <Text className="ch-meta">{d.charityName}</Text>
            <Text>{`${fenToYuan(d.amountFen)} 元 · ${d.statusLabel}${d.refundedFen > 0 ? ` · 已退款 ${fenToYuan(d.refundedFen)} 元` : ''}${d.anonymous ? ' · 匿名' : ''}`}</Text>
            <Text className="ch-meta">{formatTime(d.paidAt ?? d.createdAt)}</Text>
            {d.receiptSerial ? (
              <View className="ch-item">
                <Text className="ch-meta" id={`donation-${d.id}-serial`}>
                  捐赠确认编号：{d.receiptSerial}
                </Text>
                <Button
                  id={`donation-${d.id}-receipt`}
                  className="btn btn--plain"
                  loading={action.busy === `receipt-${d.id}`}
                  onClick={() =>
                    void action.run(`receipt-${d.id}`, () => downloadAuthed(donationsApi.receiptUrl(d.id), `捐赠确认-${d.receiptSerial}.pdf`, 'pdf'))
                  }
                >
                  下载捐赠确认
                </Button>
                <Text className="link" id={`donation-${d.id}-verify`} onClick={() => go(withQuery(ROUTES.charityVerify, { serial: d.receiptSerial ?? '' }))}>
                  核验捐赠确认 ›
                </Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
