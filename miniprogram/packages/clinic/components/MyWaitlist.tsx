import { Button, Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { useMyWaitlist } from '../../../hooks/clinic/useResidentClinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';

/**
 * 我的候补 on 我的法律咨询: each day I queue for, my place in line, and 退出候补 (after a
 * confirmation). An offered place links to its booking, where it is accepted.
 */
export function MyWaitlist({ after }: { after: () => Promise<void> }) {
  const w = useMyWaitlist(after);
  const items = w.list.data?.items ?? [];
  const leave = async (entryId: string, label: string) => {
    const ok = await confirmAction({
      title: '退出候补',
      content: `确定退出 ${label} 的候补吗？退出后再登记将排在最后。`,
      confirmText: '退出候补',
      danger: true,
    });
    if (ok) await w.leave(entryId);
  };
  return (
    <View id="my-waitlist">
      <Text className="card__title">我的候补</Text>
      <Notice message={w.error ?? w.list.error} id="my-waitlist-error" />
      {w.list.data && items.length === 0 ? (
        <Text className="muted" id="my-waitlist-empty">
          暂无候补。某天约满时，可在预约页登记候补。
        </Text>
      ) : null}
      {items.map((x) => {
        const key = `waitlist-${x.id}`;
        const label = `${x.clinic.name} ${x.day}`;
        return (
          <View key={x.id} className="card v-item" id={key}>
            <Text className="v-item__title">
              {x.clinic.name} · {x.topicLabel}
            </Text>
            <Text className="v-item__meta">候补日期：{x.day}</Text>
            <Text className="v-badge" id={`${key}-status`}>
              {x.statusLabel}
              {x.position !== null ? ` · 第 ${x.position} 位` : ''}
            </Text>
            {x.offer ? (
              <Text
                className="link"
                id={`${key}-offer`}
                onClick={() => go(withQuery(ROUTES.clinicBooking, { id: x.offer!.bookingId }))}
              >
                已为您保留 {formatTime(x.offer.startsAt)} · {x.offer.providerName}
                {x.offer.holdExpiresAt ? `，请在 ${formatTime(x.offer.holdExpiresAt)} 前确认` : ''} ›
              </Text>
            ) : null}
            {x.abilities.leave ? (
              <Button
                id={`${key}-leave`}
                className="btn btn--plain"
                loading={w.busy === x.id}
                onClick={() => void leave(x.id, label)}
              >
                退出候补
              </Button>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
