import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../../components/PageShell';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { useMyBookings } from '../../../hooks/clinic/useResidentClinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/** My bookings: status, summary once published, rating, cancel with a reason, accept a waitlist offer. */
export default function MyClinicBookingsPage() {
  const focus = useRouter().params.booking;
  const m = useMyBookings();
  const [reason, setReason] = useState('');
  const [stars, setStars] = useState(5);
  const items = m.list.data?.items ?? [];
  return (
    <PageShell title="我的法律咨询">
      <Notice message={m.error} id="my-clinic-error" />
      {m.list.data && items.length === 0 ? (
        <EmptyState title="还没有预约" description="在法律服务页选择诊所预约咨询。" />
      ) : null}
      <View id="my-clinic-bookings">
        {items.map((b) => (
          <View key={b.id} className={`card v-item ${focus === b.id ? 'v-item--focus' : ''}`} id={`booking-${b.id}`}>
            <Text className="v-item__title">
              {b.clinic.name} · {b.topicLabel}
            </Text>
            <Text className="v-item__meta">
              {formatTime(b.startsAt)} · {b.provider.name}
            </Text>
            <Text className="v-badge" id={`booking-${b.id}-status`}>
              {b.statusLabel}
            </Text>
            {b.summary ? (
              <View id={`booking-${b.id}-summary`}>
                <Text className="v-item__meta">咨询结果：{b.outcomeLabel}</Text>
                <Text>{b.summary}</Text>
              </View>
            ) : null}
            {b.rating ? <Text id={`booking-${b.id}-rated`}>我的评价：{'★'.repeat(b.rating.stars)}</Text> : null}
            {b.abilities.rate ? (
              <View className="v-actions">
                <View className="v-chips">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Text
                      key={n}
                      id={`booking-${b.id}-star-${n}`}
                      className={`v-chip ${stars >= n ? 'v-chip--on' : ''}`}
                      onClick={() => setStars(n)}
                    >
                      ★
                    </Text>
                  ))}
                </View>
                <Button
                  id={`booking-${b.id}-rate`}
                  className="btn btn--primary"
                  loading={m.busy === `rating-${b.id}`}
                  onClick={() => void m.act(b.id, 'rating', { stars })}
                >
                  提交评价
                </Button>
              </View>
            ) : null}
            {b.abilities.acceptOffer ? (
              <Button
                id={`booking-${b.id}-accept`}
                className="btn btn--primary"
                onClick={() => void m.act(b.id, 'accept-offer')}
              >
                确认候补名额（{formatTime(b.holdExpiresAt)} 前）
              </Button>
            ) : null}
            {b.abilities.cancel ? (
              <View className="v-actions">
                <FormField
                  id={`booking-${b.id}-reason`}
                  label="取消原因（开始前不足规定时间须填写）"
                  value={reason}
                  maxlength={200}
                  onChange={setReason}
                />
                <Button
                  id={`booking-${b.id}-cancel`}
                  className="btn btn--plain"
                  loading={m.busy === `cancel-${b.id}`}
                  onClick={() =>
                    void confirmAction({
                      title: '取消预约',
                      content: '确定取消这次咨询吗？',
                      confirmText: '取消预约',
                    }).then(async (ok) => {
                      if (ok) await m.act(b.id, 'cancel', reason ? { reason } : {});
                    })
                  }
                >
                  取消预约
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
