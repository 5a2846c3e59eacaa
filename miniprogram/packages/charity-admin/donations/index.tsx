import { Button, Text, View } from '@tarojs/components';
import { fenToYuan } from '@shared/schemas/donations';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { useRefund } from '../../../hooks/charity/useRefund';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { donationsApi } from '../../../services/donations';
import { formatTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/nav';
import '../../charity/charity.scss';

/** District admin: every donation (masked donor), with partial or full refunds (amount, reason, confirmation). */
export default function AdminDonationsPage() {
  useStaffGuard();
  const list = useAsync(() => donationsApi.adminDonations(), []);
  const r = useRefund(() => void list.reload());
  return (
    <PageShell title="捐赠管理">
      <View className="card row">
        <Text className="link" id="charity-admin-projects" onClick={() => go(ROUTES.charityAdminProjects)}>项目</Text>
        <Text className="link" id="charity-admin-charities" onClick={() => go(ROUTES.charityAdminCharities)}>机构</Text>
        <Text className="link" id="charity-admin-reconcile" onClick={() => go(ROUTES.charityAdminReconcile)}>对账</Text>
      </View>
      <Notice message={list.error ?? r.action.error} id="admin-donations-error" />
      <Notice message={r.action.success} type="success" id="admin-donations-message" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无捐赠" /> : null}
      <View id="admin-donations">
        {list.data?.items.map((d) => (
          <View key={d.id} className="card ch-item admin-donation" id={`admin-donation-${d.id}`} data-out-trade-no={d.outTradeNo}>
            <Text className="ch-title">{d.project.title}</Text>
            <Text>{`${d.donorMasked} · ${fenToYuan(d.amountFen)} 元 · ${d.statusLabel}${d.refundedFen > 0 ? ` · 已退 ${fenToYuan(d.refundedFen)} 元` : ''}${d.needsReview ? ' · 待核查' : ''}`}</Text>
            <Text className="ch-meta">
              {d.outTradeNo} · {formatTime(d.paidAt ?? d.createdAt)}
            </Text>
            {d.status === 'paid' && d.refundedFen < d.amountFen && r.target?.id !== d.id ? (
              <Text className="link" id={`admin-donation-${d.id}-refund`} onClick={() => r.open(d)}>
                退款
              </Text>
            ) : null}
            {r.target?.id === d.id ? (
              <View className="ch-item" id="refund-form">
                <FormField id="refund-amount" label={`退款金额（元，最多 ${fenToYuan(d.amountFen - d.refundedFen)}）`} type="digit" value={r.amount} error={r.errors.amountFen} onChange={r.setAmount} />
                <FormField id="refund-reason" label="退款原因" value={r.reason} error={r.errors.reason} maxlength={80} onChange={r.setReason} />
                <Button id="refund-submit" className="btn btn--danger" loading={r.action.busy === 'refund'} onClick={() => void r.submit()}>
                  退款
                </Button>
                <Text className="link" id="refund-cancel" onClick={() => r.open(null)}>取消</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
