import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSULT_MODE_LABELS } from '@shared/schemas/clinic/clinics';
import { FormField } from '../../../components/FormField';
import type { TBookingView } from '../../../services/clinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';

interface Props {
  booking: TBookingView;
  /** Runs one action on the booking and reloads; the page shows its error. */
  act: (bookingId: string, action: string, body?: object) => Promise<void>;
  busy: string | null;
  focus?: boolean;
  /** The list links each card to its own page; the page itself does not. */
  detailLink?: boolean;
}

/** One of the resident's bookings: status, summary, and the actions its abilities allow. */
export function BookingCard({ booking: b, act, busy, focus, detailLink }: Props) {
  const [reason, setReason] = useState('');
  const [stars, setStars] = useState(5);
  const key = `booking-${b.id}`;
  const cancel = async () => {
    const ok = await confirmAction({
      title: '取消预约',
      content: '确定取消这次咨询吗？时段将释放给其他居民。',
      confirmText: '取消预约',
      danger: true,
    });
    if (ok) await act(b.id, 'cancel', reason ? { reason } : {});
  };
  const providerAbsent = async () => {
    const ok = await confirmAction({
      title: '律师未到场',
      content: `确定标记 ${b.provider.name} 未按约到场吗？诊所协调员会跟进。`,
      confirmText: '确认标记', // showModal refuses labels over 4 characters
      danger: true,
    });
    if (ok) await act(b.id, 'no-show', { side: 'provider' });
  };
  return (
    <View className={`card v-item ${focus ? 'v-item--focus' : ''}`} id={key}>
      <Text className="v-item__title">
        {b.clinic.name} · {b.topicLabel}
      </Text>
      <Text className="v-item__meta" id={`${key}-time`}>
        {formatTime(b.startsAt)} · {b.provider.name} · {CONSULT_MODE_LABELS[b.mode]}
      </Text>
      <Text className="v-badge" id={`${key}-status`}>
        {b.statusLabel}
        {b.noShowSide ? `（${b.noShowSide === 'resident' ? '居民' : '律师'}未到场）` : ''}
      </Text>
      {b.attachments.length > 0 ? (
        <Text className="v-item__meta">材料：{b.attachments.map((a) => a.name).join('、')}</Text>
      ) : null}
      {b.summary ? (
        <View id={`${key}-summary`}>
          <Text className="v-item__meta">咨询结果：{b.outcomeLabel}</Text>
          <Text>{b.summary}</Text>
        </View>
      ) : null}
      {b.rating ? <Text id={`${key}-rated`}>我的评价：{'★'.repeat(b.rating.stars)}</Text> : null}
      {b.abilities.rate ? (
        <View className="v-actions">
          <View className="v-chips">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                id={`${key}-star-${n}`}
                className={`v-chip ${stars >= n ? 'v-chip--on' : ''}`}
                onClick={() => setStars(n)}
              >
                ★
              </Text>
            ))}
          </View>
          <Button
            id={`${key}-rate`}
            className="btn btn--primary"
            loading={busy === `rating-${b.id}`}
            onClick={() => void act(b.id, 'rating', { stars })}
          >
            提交评价
          </Button>
        </View>
      ) : null}
      {b.abilities.acceptOffer ? (
        <Button
          id={`${key}-accept`}
          className="btn btn--primary"
          loading={busy === `accept-offer-${b.id}`}
          onClick={() => void act(b.id, 'accept-offer')}
        >
          确认候补名额（{formatTime(b.holdExpiresAt)} 前有效）
        </Button>
      ) : null}
      {b.abilities.reschedule ? (
        <Button
          id={`${key}-reschedule`}
          className="btn btn--plain"
          onClick={() => go(withQuery(ROUTES.clinicReschedule, { booking: b.id }))}
        >
          改约其他时间
        </Button>
      ) : null}
      {b.abilities.markNoShow ? (
        <Button id={`${key}-no-show`} className="btn btn--plain" onClick={() => void providerAbsent()}>
          律师未到场
        </Button>
      ) : null}
      {b.abilities.cancel ? (
        <View className="v-actions">
          <FormField
            id={`${key}-reason`}
            label={b.cancelNeedsReason ? '取消原因（距开始不足诊所规定的时间，须填写）' : '取消原因（选填）'}
            value={reason}
            maxlength={200}
            onChange={setReason}
          />
          <Button
            id={`${key}-cancel`}
            className="btn btn--plain"
            loading={busy === `cancel-${b.id}`}
            onClick={() => void cancel()}
          >
            取消预约
          </Button>
        </View>
      ) : null}
      {detailLink ? (
        <Text className="link" id={`${key}-open`} onClick={() => go(withQuery(ROUTES.clinicBooking, { id: b.id }))}>
          查看详情 ›
        </Text>
      ) : null}
    </View>
  );
}
