import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { SignupRow } from '../../../components/volunteering/SignupRow';
import { ActivityGallery } from '../../../components/volunteering/ActivityGallery';
import { useSession } from '../../../hooks/useSession';
import { useActivityDetail } from '../../../hooks/volunteering/useActivityDetail';
import { galleryAccess } from '../../../hooks/volunteering/gallery-access';
import { categoryLabel, formatRange } from '../../../hooks/volunteering/labels';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { formatTime } from '../../../services/format';
import { go, loginRoute } from '../../../services/nav';
import { mediaUrl } from '../../../services/media';
import '../../../components/volunteering/volunteering.scss';

export default function ActivityDetailPage() {
  const { id } = useRouter().params;
  const { loggedIn } = useSession();
  const d = useActivityDetail(id);
  const a = d.data?.activity;
  const [report, setReport] = useState({ minutes: '', note: '' });
  const [signupNote, setSignupNote] = useState('');
  useDidShow(() => void (d.data ? d.reload() : undefined));
  useShareAppMessage(() => ({ title: a?.title ?? '志愿活动', path: withQuery(VROUTES.activity, { id }) }));

  if (!a) {
    return (
      <PageShell title="活动详情">
        <Notice message={d.error ?? (id ? null : '缺少活动编号')} id="activity-error" />
        {d.loading ? <Text className="muted">加载中…</Text> : null}
      </PageShell>
    );
  }

  const open = a.status === 'published';
  const mine = d.data?.mySignups ?? [];
  return (
    <PageShell>
      <View className="card" id="activity-detail" data-id={a.id}>
        {a.coverUrl ? (
          <Image id="activity-cover" src={mediaUrl(a.coverUrl)} mode="widthFix" style={{ width: '100%' }} />
        ) : null}
        <Text className="page__title" id="activity-title">
          {a.title}
        </Text>
        <Text className="v-badge">{categoryLabel(a.category)}</Text>
        {!open ? (
          <Text className="v-badge v-badge--warn" id="activity-status">
            {a.status === 'cancelled' ? '活动已取消' : '活动已结束'}
          </Text>
        ) : null}
        <View className="row">
          <Text className="row__label">团队</Text>
          <Text className="link" id="activity-team" onClick={() => go(withQuery(VROUTES.team, { id: a.teamId }))}>
            {a.teamName} ›
          </Text>
        </View>
        <View className="row">
          <Text className="row__label">地点</Text>
          <Text>{a.address}</Text>
        </View>
        <View className="row">
          <Text className="row__label">报名截止</Text>
          <Text>{formatTime(a.signupDeadline)}</Text>
        </View>
        <View className="row">
          <Text className="row__label">取消截止</Text>
          <Text>{formatTime(a.cancelDeadline)}</Text>
        </View>
        {a.requiresApproval ? <Text className="muted">报名需团队审核</Text> : null}
        {a.cancelReason ? (
          <Notice type="info" message={`取消原因：${a.cancelReason}`} id="activity-cancel-reason" />
        ) : null}
        <Text className="muted" id="activity-description" style={{ whiteSpace: 'pre-wrap' }}>
          {a.description}
        </Text>
        {a.requiredSkills.length ? <Text className="muted">所需技能：{a.requiredSkills.join('、')}</Text> : null}
      </View>

      <Notice message={d.action.error} id="activity-action-error" />
      {d.needsRegistration ? (
        <Button id="activity-register" className="btn btn--primary" onClick={() => go(VROUTES.register)}>
          注册成为志愿者
        </Button>
      ) : null}
      <Notice type="success" message={d.action.success} id="activity-action-success" />

      {mine.length ? (
        <View id="activity-my-signups">
          <Text className="card__title">我的报名</Text>
          {mine.map((s) => (
            <SignupRow
              key={s.id}
              signup={s}
              busy={d.action.busy}
              onCancel={(sid) => void d.cancel(sid)}
              onAccept={(sid) => void d.accept(sid)}
              onCheckin={a.checkinRequired ? () => go(withQuery(VROUTES.checkin, { a: a.id })) : undefined}
            />
          ))}
        </View>
      ) : null}

      {!a.checkinRequired
        ? mine
            .filter((s) => s.status === 'confirmed' && Date.parse(s.shift.start) <= Date.now())
            .slice(0, 1)
            .map((s) => (
              <View key={s.id} className="card" id="self-report">
                <Text className="card__title">申报服务时长</Text>
                <Text className="muted">本活动不需要现场签到，请如实填写服务时长，团队确认后计入。</Text>
                <FormField
                  id="self-report-minutes"
                  label="服务分钟数"
                  type="number"
                  value={report.minutes}
                  maxlength={4}
                  onChange={(v) => setReport((r) => ({ ...r, minutes: v }))}
                />
                <FormField
                  id="self-report-note"
                  label="说明（可选）"
                  value={report.note}
                  maxlength={200}
                  onChange={(v) => setReport((r) => ({ ...r, note: v }))}
                />
                <Button
                  id="self-report-submit"
                  className="btn btn--primary"
                  loading={d.action.busy === `report-${s.shiftId}`}
                  onClick={() => void d.selfReport(s.shiftId, report.minutes, report.note)}
                >
                  提交申报
                </Button>
              </View>
            ))
        : null}

      <Text className="card__title">班次</Text>
      {open && loggedIn && a.shifts.some((s) => !d.activeByShift.get(s.id)) ? (
        <FormField
          id="signup-note"
          label="报名备注（可选，团队可见）"
          placeholder="如：持有急救证、可提前到场"
          value={signupNote}
          maxlength={200}
          onChange={setSignupNote}
        />
      ) : null}
      {a.shifts.map((s) => {
        const mineActive = d.activeByShift.get(s.id);
        return (
          <View key={s.id} className="card v-item shift" id={`shift-${s.id}`}>
            <Text className="v-item__title">{formatRange(s.start, s.end)}</Text>
            <Text className="v-item__meta" id={`shift-${s.id}-remaining`}>
              名额 {s.capacity}，已报 {s.taken}，余 {s.remaining}
              {s.waiting ? `，候补 ${s.waiting} 人` : ''}
            </Text>
            {open && !mineActive ? (
              <Button
                id={`shift-${s.id}-signup`}
                className="btn btn--primary"
                loading={d.action.busy === `signup-${s.id}`}
                onClick={() => (loggedIn ? void d.signup(s.id, signupNote) : go(loginRoute()))}
              >
                <Text>{s.remaining > 0 ? '报名' : '加入候补'}</Text>
              </Button>
            ) : null}
          </View>
        );
      })}
      <ActivityGallery activityId={a.id} canManage={!!a.abilities?.manageGallery} {...galleryAccess(a, mine)} />
      {a.abilities?.manage ? (
        <Button
          id="activity-manage"
          className="btn btn--plain"
          onClick={() => go(withQuery(VROUTES.teamActivity, { id: a.id }))}
        >
          管理此活动
        </Button>
      ) : null}
    </PageShell>
  );
}
