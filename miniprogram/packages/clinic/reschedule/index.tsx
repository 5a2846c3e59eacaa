import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { useReschedule } from '../../../hooks/clinic/useResidentClinic';
import { confirmAction } from '../../../services/confirm';
import { formatTime } from '../../../services/format';
import { replace } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';
import { SlotPicker } from '../components/SlotPicker';
import '../../../components/volunteering/volunteering.scss';

/** 改约: pick a new slot at the same clinic; a reason inside the notice window; confirm before moving. */
export default function ClinicReschedulePage() {
  const bookingId = useRouter().params.booking ?? '';
  const r = useReschedule(bookingId, (id) => replace(withQuery(ROUTES.clinicBooking, { id })));
  const b = r.booking.data;
  const v = r.form.values;
  const e = r.form.errors;
  const submit = async () => {
    // A missing reason (or slot) shows on its field at once; the confirmation is for a move that can go.
    if (!r.check()) return r.form.submit();
    const ok = await confirmAction({
      title: '改约',
      content: `确定改到 ${formatTime(String(v.startsAt))} 吗？原时段将释放给其他居民。`,
      confirmText: '确定改约',
    });
    if (ok) await r.form.submit();
  };
  return (
    <PageShell title="改约">
      <Notice message={r.booking.error} id="move-load-error" />
      {b ? (
        <View className="card" id="move-current">
          <Text className="card__title">{b.clinic.name}</Text>
          <Text className="v-item__meta">
            原预约：{formatTime(b.startsAt)} · {b.provider.name} · {b.topicLabel}
          </Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="card__title">选择新的时间</Text>
        <Notice message={r.slots.error} id="move-slots-error" />
        <SlotPicker
          idPrefix="move"
          from={r.from}
          setFrom={r.setFrom}
          slots={r.slots.data}
          loading={r.slots.loading}
          chosen={{ providerId: v.providerId, startsAt: String(v.startsAt) }}
          onPick={(s) => {
            r.form.setField('providerId', s.providerId);
            r.form.setField('startsAt', s.startsAt);
          }}
          error={e.startsAt ?? e.providerId}
        />
        {v.startsAt ? <Text id="move-chosen">新时间：{formatTime(String(v.startsAt))}</Text> : null}
        <FormField
          id="move-reason"
          label={r.insideWindow ? `改约原因（距开始不足 ${r.noticeHours} 小时，须填写）` : '改约原因（选填）'}
          value={v.reason ?? ''}
          error={e.reason}
          maxlength={200}
          onChange={(x) => r.form.setField('reason', x)}
        />
        <Notice message={r.form.formError} id="move-error" />
        <Button
          id="move-submit"
          className="btn btn--primary"
          loading={r.form.submitting}
          disabled={!v.startsAt}
          onClick={() => void submit()}
        >
          确认改约
        </Button>
        <Button className="btn btn--plain" onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    </PageShell>
  );
}
