import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { useRouter, setKeepScreenOn } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { FormField } from '../../../components/FormField';
import { useManageActivity } from '../../../hooks/volunteering/useManageActivity';
import { SIGNUP_STATUS_LABELS, formatRange } from '../../../hooks/volunteering/labels';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { formatTime } from '../../../services/format';
import { VOLUNTEERING_LIMITS } from '@shared/schemas/volunteering/common';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

export default function ManageActivityPage() {
  const { id } = useRouter().params;
  const m = useManageActivity(id);
  const [rejectReason, setRejectReason] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const a = m.detail.data?.activity;
  if (!a) {
    return (
      <PageShell title="活动管理">
        <Notice message={m.detail.error} id="manage-error" />
      </PageShell>
    );
  }
  const showQr = (shiftId: string | null) => {
    m.setQrShift(shiftId);
    if (process.env.TARO_ENV === 'weapp') void setKeepScreenOn({ keepScreenOn: !!shiftId }).catch(() => undefined);
  };
  const applicants = m.applicants.data?.items ?? [];
  // Buttons follow what the server's activity policy says this user may do now.
  const can = a.abilities;
  return (
    <PageShell>
      <Text className="page__title" id="manage-title">
        {a.title}
      </Text>
      <Notice message={m.action.error} id="manage-action-error" />
      <Notice type="success" message={m.action.success} id="manage-action-success" />
      <View className="v-actions">
        {can?.update ? (
          <Button
            id="manage-edit"
            className="btn btn--plain"
            onClick={() => go(withQuery(VROUTES.teamPublish, { id: a.id, team: a.teamId }))}
          >
            编辑
          </Button>
        ) : null}
        {can?.confirmHours ? (
          <Button
            id="manage-hours"
            className="btn btn--plain"
            onClick={() => go(withQuery(VROUTES.teamHours, { team: a.teamId, activity: a.id }))}
          >
            时长确认
          </Button>
        ) : null}
        <Button id="manage-refresh" className="btn btn--plain" onClick={() => void m.refresh()}>
          刷新
        </Button>
      </View>

      <Text className="card__title">班次与签到码</Text>
      {a.shifts.map((s) => (
        <View key={s.id} className="card v-item" id={`manage-shift-${s.id}`}>
          <Text className="v-item__title">{formatRange(s.start, s.end)}</Text>
          <Text className="v-item__meta">
            名额 {s.capacity} · 已报 {s.taken} · 候补 {s.waiting}
          </Text>
          {can?.showCheckinCode ? (
            <Button
              id={`manage-shift-${s.id}-qr`}
              className="btn btn--primary"
              onClick={() => showQr(m.qrShift === s.id ? null : s.id)}
            >
              {m.qrShift === s.id ? '收起签到码' : '显示签到码'}
            </Button>
          ) : null}
          {m.qrShift === s.id ? (
            <View id="checkin-qr" data-token={m.qr.qr?.token ?? ''} data-shift={s.id}>
              <Notice message={m.qr.error} id="checkin-qr-error" />
              {m.qr.qr ? (
                <Image className="v-qr" id="checkin-qr-image" src={m.qr.qr.qrDataUrl} />
              ) : (
                <Text className="muted">正在生成签到码…</Text>
              )}
              <Text className="muted">
                签到码每 {m.qr.qr?.rotationSeconds ?? 30} 秒自动更新，截图转发无效。请志愿者在现场扫码签到、签退。
              </Text>
              <Text className="v-mono" id="checkin-qr-token">
                {m.qr.qr?.token ?? ''}
              </Text>
            </View>
          ) : null}
        </View>
      ))}

      <Text className="card__title">报名者（{applicants.length}）</Text>
      <Notice message={m.applicants.error} id="manage-applicants-error" />
      {can?.manageSignups && applicants.some((s) => s.status === 'pending_approval') ? (
        <FormField
          id="manage-reject-reason"
          label="拒绝报名的理由（通知志愿者）"
          placeholder="名额已安排满"
          value={rejectReason}
          maxlength={VOLUNTEERING_LIMITS.reasonMax}
          onChange={setRejectReason}
        />
      ) : null}
      {m.applicants.loading && !m.applicants.data ? <SkeletonCards id="manage-applicants-loading" count={2} /> : null}
      <View id="manage-applicants">
        {applicants.map((s) => (
          <View key={s.id} className="card v-item applicant" id={`applicant-${s.id}`} data-status={s.status}>
            <Text className="v-item__title">
              {s.applicant.nameMasked} {s.applicant.volunteerNo ? `· ${s.applicant.volunteerNo}` : ''}
            </Text>
            <Text className="v-item__meta">
              {formatRange(s.shift.start, s.shift.end)} · {SIGNUP_STATUS_LABELS[s.status] ?? s.status}
              {s.status === 'waitlisted' && s.waitPos ? ` · 候补序号 ${s.waitPos}` : ''}
            </Text>
            <Text className="v-item__meta">
              累计 {s.applicant.confirmedHours} 小时 · 参加过 {s.applicant.pastActivities} 次 · 爽约分{' '}
              {s.applicant.noShowScore}
            </Text>
            {s.note || s.noteUnderReview ? (
              <Text className="v-item__meta" id={`applicant-${s.id}-note`}>
                备注：{s.noteUnderReview ? '审核中' : s.note}
              </Text>
            ) : null}
            {s.checkinAt ? (
              <Text className="v-item__meta">
                签到 {formatTime(s.checkinAt)}
                {s.checkoutAt ? `，签退 ${formatTime(s.checkoutAt)}` : ''}
              </Text>
            ) : null}
            {can?.manageSignups && s.status === 'pending_approval' ? (
              <View className="v-actions">
                <Button
                  id={`applicant-${s.id}-approve`}
                  className="btn btn--primary"
                  onClick={() => void m.decide(s.id, 'approve')}
                >
                  通过
                </Button>
                <Button
                  id={`applicant-${s.id}-reject`}
                  className="btn btn--danger"
                  onClick={() => void m.decide(s.id, 'reject', rejectReason.trim() || '名额已安排满')}
                >
                  拒绝
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>

      {can?.cancel ? (
        <View className="card">
          <FormField
            id="manage-cancel-reason"
            label="取消活动的原因（会通知所有报名者）"
            value={cancelReason}
            error={m.cancelError ?? undefined}
            maxlength={VOLUNTEERING_LIMITS.reasonMax}
            onChange={setCancelReason}
          />
          <Button
            id="manage-cancel"
            className="btn btn--danger"
            loading={m.action.busy === 'cancel-activity'}
            onClick={() => void m.cancelActivity(cancelReason)}
          >
            取消活动（通知所有报名者）
          </Button>
        </View>
      ) : a.status === 'cancelled' || a.status === 'completed' ? (
        <Notice
          type="info"
          message={a.status === 'cancelled' ? `活动已取消：${a.cancelReason ?? ''}` : '活动已结束'}
          id="manage-status"
        />
      ) : null}
    </PageShell>
  );
}
