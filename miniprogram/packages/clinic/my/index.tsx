import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { useMyBookings } from '../../../hooks/clinic/useResidentClinic';
import { BookingCard } from '../components/BookingCard';
import { MyMediationCases } from '../components/MyMediationCases';
import { MyWaitlist } from '../components/MyWaitlist';
import '../../../components/volunteering/volunteering.scss';

/**
 * My bookings (status, summary once published, rating, cancel, reschedule, a waitlist offer,
 * no-show), then 我的候补, then 我的调解 (`?case=` highlights the case a notice linked to).
 */
export default function MyClinicBookingsPage() {
  const params = useRouter().params;
  const focus = params.booking;
  const m = useMyBookings();
  const items = m.list.data?.items ?? [];
  return (
    <PageShell title="我的法律咨询">
      <Notice message={m.error ?? m.list.error} id="my-clinic-error" />
      {m.list.data && items.length === 0 ? (
        <EmptyState title="还没有预约" description="在法律服务页选择诊所预约咨询。" />
      ) : null}
      <View id="my-clinic-bookings">
        {items.map((b) => (
          <BookingCard key={b.id} booking={b} act={m.act} busy={m.busy} focus={focus === b.id} detailLink />
        ))}
      </View>
      <MyWaitlist after={() => m.list.reload()} />
      <MyMediationCases focus={params.case} />
    </PageShell>
  );
}
