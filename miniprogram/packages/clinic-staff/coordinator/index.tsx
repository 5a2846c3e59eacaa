import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { useCoordinator, useCoordinatorClinic } from '../../../hooks/clinic/useStaffClinic';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { clinicApi } from '../../../services/clinic';
import { formatTime } from '../../../services/format';
import { AddProviderForm } from '../components/AddProviderForm';
import { ScheduleEditor } from '../components/ScheduleEditor';
import { StaffBookingActions } from '../components/StaffBookingActions';
import '../../../components/volunteering/volunteering.scss';

/** The coordinator's clinic: providers (licence check), the availability editor, the bookings. */
export default function ClinicCoordinatorPage() {
  const guard = useStaffGuard('clinic_coordinator');
  const clinicId = useCoordinatorClinic();
  const c = useCoordinator(clinicId);
  if (!guard.allowed || !clinicId) return <PageShell title="诊所管理">{null}</PageShell>;
  const d = c.draft;
  return (
    <PageShell title="诊所管理">
      <Notice message={c.action.error} id="coord-error" />
      {c.clinic.data ? (
        <View className="card row" id="coord-confirm-mode">
          <Text className="row__label">
            预约确认方式：{c.clinic.data.clinic.autoConfirm ? '自动确认' : '律师确认后生效'}
          </Text>
          <Button
            // Keyed: Taro H5's button cannot have its label patched in place (insertBefore error).
            key={c.clinic.data.clinic.autoConfirm ? 'to-manual' : 'to-auto'}
            id="coord-toggle-confirm"
            className="btn btn--plain"
            loading={c.action.busy === 'auto-confirm'}
            onClick={() => void c.setAutoConfirm(!c.clinic.data!.clinic.autoConfirm)}
          >
            {c.clinic.data.clinic.autoConfirm ? '改为律师确认' : '改为自动确认'}
          </Button>
        </View>
      ) : null}
      <Text className="card__title">服务人员</Text>
      <View id="coord-providers">
        {(c.providers.data?.items ?? []).map((p) => (
          <View key={p.id} className="card v-item" id={`provider-${p.id}`}>
            <Text className="v-item__title">
              {p.displayName} · {p.kindLabel}
            </Text>
            {p.kind === 'lawyer' ? (
              <Text className="v-item__meta">
                执业证号 {p.licenceNo} · {p.licenceVerified ? '已核验' : '待核验'}
              </Text>
            ) : (
              <Text className="v-item__meta">指导律师：{p.supervisorName}</Text>
            )}
            {p.kind === 'lawyer' && !p.licenceVerified ? (
              <Button
                id={`provider-${p.id}-verify`}
                className="btn btn--plain"
                onClick={() =>
                  void c.action.run('verify', () => clinicApi.updateProvider(p.id, { licenceVerified: true }))
                }
              >
                核验执业证
              </Button>
            ) : null}
            <Button id={`provider-${p.id}-schedule`} className="btn btn--plain" onClick={() => void c.edit(p.id)}>
              设置排班
            </Button>
          </View>
        ))}
      </View>
      {d ? (
        <ScheduleEditor
          draft={d}
          setDraft={c.setDraft}
          errors={c.fieldErrors}
          saving={c.action.busy === 'save'}
          saved={c.saved}
          onSave={() => void c.save()}
        />
      ) : null}
      <AddProviderForm clinicId={clinicId} onAdded={() => c.providers.reload()} />
      <Text className="card__title">近两周预约</Text>
      <View id="coord-bookings">
        {(c.bookings.data?.items ?? []).map((b) => (
          <View key={b.id} className="card v-item" id={`coord-booking-${b.id}`}>
            <Text className="v-item__title">
              {formatTime(b.startsAt)} · {b.provider.name} · {b.statusLabel}
            </Text>
            <Text className="v-item__meta">
              {b.client.name} · {b.topicLabel}
              {b.cancelReason ? ` · 原因：${b.cancelReason}` : ''}
            </Text>
            <StaffBookingActions booking={b} action={c.action} sides={['resident', 'provider']} />
          </View>
        ))}
      </View>
    </PageShell>
  );
}
