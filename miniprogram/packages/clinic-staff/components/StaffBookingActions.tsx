import { Button, View } from '@tarojs/components';
import type { useAction } from '../../../hooks/clinic/useStaffClinic';
import { clinicApi, type TStaffBookingView } from '../../../services/clinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';

type Side = 'resident' | 'provider';
const LABEL: Record<Side, string> = { resident: '居民未到场', provider: '律师未到场' };

/**
 * 未到场 for a booking whose start has passed (the DTO's markNoShow ability, which the server
 * makes time-aware): the provider marks the resident; the coordinator either side. Confirmed
 * first: it closes the booking and counts in the no-show rate.
 */
export function StaffBookingActions({
  booking: b,
  action,
  sides,
}: {
  booking: TStaffBookingView;
  action: ReturnType<typeof useAction>;
  sides: Side[];
}) {
  if (!b.abilities.markNoShow) return null;
  const mark = async (side: Side) => {
    const who = side === 'resident' ? b.client.name : b.provider.name;
    const ok = await confirmAction({
      title: LABEL[side],
      content: `确定标记 ${who} 未按约到场（${formatTime(b.startsAt)}）吗？标记后预约结束，计入未到场统计。`,
      confirmText: '确认标记', // showModal refuses labels over 4 characters
      danger: true,
    });
    if (ok) await action.run(`no-show-${b.id}`, () => clinicApi.noShow(b.id, { side }));
  };
  return (
    <View className="v-chips">
      {sides.map((side) => (
        <Button
          key={side}
          id={`no-show-${b.id}-${side}`}
          className="btn btn--plain"
          loading={action.busy === `no-show-${b.id}`}
          onClick={() => void mark(side)}
        >
          {LABEL[side]}
        </Button>
      ))}
    </View>
  );
}
