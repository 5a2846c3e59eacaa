import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { useBooking } from '../../../hooks/clinic/useResidentClinic';
import { go } from '../../../services/nav';
import { ROUTES } from '../../../services/routes';
import { BookingCard } from '../components/BookingCard';
import '../../../components/volunteering/volunteering.scss';

/** One booking: where a subscribe message (confirmed, offered, reminder, summary) and the list lead. */
export default function ClinicBookingPage() {
  const bookingId = useRouter().params.id ?? '';
  const d = useBooking(bookingId);
  const b = d.booking.data;
  return (
    <PageShell title="预约详情">
      <Notice message={d.error ?? d.booking.error} id="booking-error" />
      {d.booking.loading && !b ? <SkeletonCards id="booking-loading" /> : null}
      {b ? (
        <>
          <BookingCard booking={b} act={d.act} busy={d.busy} />
          <View className="card">
            <Text className="v-item__meta">地址：{b.clinic.address}</Text>
            <Text className="v-item__meta">问题简述：{b.description}</Text>
            {b.opposingParty ? <Text className="v-item__meta">对方当事人：{b.opposingParty.name}</Text> : null}
            {b.cancelReason ? <Text className="v-item__meta">取消原因：{b.cancelReason}</Text> : null}
          </View>
        </>
      ) : null}
      <Button id="booking-all" className="btn btn--plain" onClick={() => go(ROUTES.clinicMy)}>
        我的全部预约
      </Button>
    </PageShell>
  );
}
