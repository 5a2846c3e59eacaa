import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { fenToYuan } from '@shared/schemas/donations';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRefund } from '../../../hooks/charity/useRefund';
import { useRefundHistory } from '../../../hooks/charity/useRefundHistory';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { donationsApi } from '../../../services/donations';
import { formatTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/nav';
import { hasRole } from '../../../services/session';
import '../../charity/charity.scss';

const REFUND_STATUS_LABELS: Record<string, string> = { processing: '退款中', succeeded: '已退款', failed: '退款失败' };

/**
 * District admin (a charity's staff: its own): every donation (masked donor), 20 at a time, its
 * refund history, and partial or full refunds (amount, reason, confirmation; district admins).
 */
export default function AdminDonationsPage() {
  const { user } = useStaffGuard();
  // Refunds are the district admin's (a charity's staff sees its donations and their refunds).
  const mayRefund = !!user && hasRole(user, 'district_admin');
  const list = usePagedList((page, pageSize) => donationsApi.adminDonations({ page, pageSize }));
  const { reload: loadList } = list;
  useEffect(() => void loadList(), [loadList]);
  const r = useRefund(() => void list.reload());
  const history = useRefundHistory();
  return (
    <PageShell title="捐赠管理">
      <View className="card row">
        <Text className="link" id="charity-admin-projects" onClick={() => go(ROUTES.charityAdminProjects)}>项目</Text>
        <Text className="link" id="charity-admin-charities" onClick={() => go(ROUTES.charityAdminCharities)}>机构</Text>
        <Text className="link" id="charity-admin-reconcile" onClick={() => go(ROUTES.charityAdminReconcile)}>对账</Text>
      </View>
      <Notice message={list.error ?? r.action.error} id="admin-donations-error" />
      <Notice message={r.action.success} type="success" id="admin-donations-message" />
      {!list.loading && list.items.length === 0 && !list.error ? <EmptyState title="暂无捐赠" /> : null}
      <View id="admin-donations">
        {list.items.map((d) => (
          <View key={d.id} className="card ch-item admin-donation" id={`admin-donation-${d.id}`} data-out-trade-no={d.outTradeNo}>
            <Text className="ch-title">{d.project.title}</Text>
            <Text>{`${d.donorMasked} · ${fenToYuan(d.amountFen)} 元 · ${d.statusLabel}${d.refundedFen > 0 ? ` · 已退 ${fenToYuan(d.refundedFen)} 元` : ''}${d.needsReview ? ' · 待核查' : ''}`}</Text>
            <Text className="ch-meta">{`${d.outTradeNo} · ${formatTime(d.paidAt ?? d.createdAt)}`}</Text>
            {mayRefund && d.status === 'paid' && d.refundedFen < d.amountFen && r.target?.id !== d.id ? (
              <Text className="link" id={`admin-donation-${d.id}-refund`} onClick={() => r.open(d)}>
                退款
              </Text>
            ) : null}
            {d.status === 'paid' ? (
              <Text className="link" id={`admin-donation-${d.id}-refunds`} onClick={() => void history.toggle(d.id)}>
                {history.openId === d.id ? '收起退款记录' : '退款记录'}
              </Text>
            ) : null}
            {history.openId === d.id ? (
              <View className="ch-item" id={`admin-donation-${d.id}-refund-list`}>
                <Notice message={history.error} />
                {history.items.map((x) => (
                  <Text key={x.id} className="ch-meta refund-line">{`${fenToYuan(x.amountFen)} 元 · ${REFUND_STATUS_LABELS[x.status] ?? x.status} · ${x.reason} · ${formatTime(x.succeededAt ?? x.createdAt)}`}</Text>
                ))}
                {!history.loading && history.items.length === 0 ? <Text className="ch-meta">暂无退款</Text> : null}
              </View>
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
      {list.more ? (
        <Button id="admin-donations-more" className="btn btn--plain" loading={list.loading} onClick={() => void list.more?.()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
