import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { useSession } from '../../../hooks/useSession';
import { WEEKDAY_LABELS, useVolunteerProfile } from '../../../hooks/volunteering/useVolunteerProfile';
import { formatDate } from '../../../services/format';
import { ROUTES, go, loginRoute } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

export default function VolunteerProfilePage() {
  const { user, loggedIn } = useSession();
  const p = useVolunteerProfile(loggedIn);
  const v = p.volunteer;
  const [appealReason, setAppealReason] = useState('');
  if (!loggedIn) {
    return (
      <PageShell title="志愿者档案">
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后注册
        </Button>
      </PageShell>
    );
  }
  const verified = !!user?.realName;
  return (
    <PageShell title={v ? '志愿者档案' : '注册志愿者'}>
      <Notice message={p.me.error} id="volunteer-load-error" />
      {!v && !verified ? (
        <View className="toast toast--info" id="volunteer-need-realname" onClick={() => go(ROUTES.me)}>
          <Text>注册志愿者需要先完成实名认证，去「我的」页面认证 ›</Text>
        </View>
      ) : null}
      {v ? (
        <View className="card" id="volunteer-card">
          <View className="row">
            <Text className="row__label">志愿者编号</Text>
            <Text id="volunteer-no">{v.volunteerNo}</Text>
          </View>
          <View className="row">
            <Text className="row__label">姓名</Text>
            <Text>{v.nameMasked}</Text>
          </View>
          <View className="row">
            <Text className="row__label">已确认时长</Text>
            <Text>{v.confirmedHours} 小时</Text>
          </View>
          <View className="row">
            <Text className="row__label">爽约分</Text>
            <Text id="volunteer-noshow">{v.noShowScore}</Text>
          </View>
          <Text className="muted">爽约分由未到场、逾期取消记录计算，每 90 天权重减半；有异议可申诉。</Text>
        </View>
      ) : null}
      <View className="card">
        <FormField
          id="volunteer-skills"
          label="技能（用顿号或逗号分隔）"
          value={p.draft.skills}
          onChange={(x) => p.setField('skills', x)}
        />
        <FormField
          id="volunteer-areas"
          label="服务区域"
          value={p.draft.serviceAreas}
          onChange={(x) => p.setField('serviceAreas', x)}
        />
        <Text className="field__label">可服务时间（不选表示任何时间）</Text>
        <View className="v-chips" id="volunteer-days">
          {WEEKDAY_LABELS.map((label, day) => (
            <Text
              key={day}
              id={`volunteer-day-${day}`}
              className={`v-chip${p.draft.days.includes(day) ? ' v-chip--on' : ''}`}
              onClick={() => p.toggleDay(day)}
            >
              {label}
            </Text>
          ))}
        </View>
        {p.draft.days.length ? (
          <View className="v-actions">
            <PickerField
              id="volunteer-from"
              label="从"
              mode="time"
              value={p.draft.from}
              onChange={(x) => p.setField('from', x)}
            />
            <PickerField id="volunteer-to" label="到" mode="time" value={p.draft.to} onChange={(x) => p.setField('to', x)} />
          </View>
        ) : null}
        <TextAreaField
          id="volunteer-intro"
          label="个人简介"
          height={160}
          value={p.draft.intro}
          maxlength={500}
          onChange={(x) => p.setField('intro', x)}
        />
        <Notice message={p.action.error} id="volunteer-error" />
        <Notice type="success" message={p.action.success} id="volunteer-success" />
        <Button
          id="volunteer-submit"
          className="btn btn--primary"
          loading={p.action.busy === 'save'}
          onClick={() => void p.save()}
        >
          <Text>{v ? '保存' : '注册成为志愿者'}</Text>
        </Button>
      </View>
      {v && v.noShowEvents.length ? (
        <View id="volunteer-noshow-events">
          <Text className="card__title">爽约记录</Text>
          <FormField
            id="volunteer-appeal-reason"
            label="申诉理由"
            value={appealReason}
            maxlength={500}
            onChange={setAppealReason}
          />
          {v.noShowEvents.map((e) => (
            <View key={e.id} className="card v-item">
              <Text className="v-item__meta">
                {formatDate(e.at)} · {e.kind === 'no_show' ? '未到场' : '逾期取消'} · 当前权重 {e.weight}
              </Text>
              {e.appeal ? (
                <Text className="v-item__meta">
                  申诉：{e.appeal.status === 'pending' ? '处理中' : e.appeal.status === 'upheld' ? '成立' : '驳回'}
                </Text>
              ) : (
                <Button
                  className="btn btn--plain"
                  id={`volunteer-appeal-${e.id}`}
                  onClick={() => void p.appeal(e.id, appealReason)}
                >
                  申诉
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
