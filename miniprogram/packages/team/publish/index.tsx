import { Button, Switch, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS } from '@shared/schemas/volunteering/activities';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { PickerField } from '../../../components/PickerField';
import { CoverField } from '../../../components/CoverField';
import { TextAreaField } from '../../../components/TextAreaField';
import { LocationField } from '../../../components/volunteering/LocationField';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { usePublishActivity } from '../../../hooks/volunteering/usePublishActivity';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/** Publish (or, with ?id=, edit) an activity with one or more shifts. Times are Beijing time. */
export default function PublishActivityPage() {
  const params = useRouter().params;
  const t = useTeamAdmin(params.team);
  const p = usePublishActivity(t.teamId, params.id, params.help);
  const d = p.draft;
  const e = p.errors;
  const today = todayShanghai();

  if (!t.allowed && !params.id)
    return (
      <PageShell title="发布活动">
        <Notice message={t.user ? '仅团队管理员可以发布活动。' : null} id="publish-forbidden" />
      </PageShell>
    );
  if (p.saved) {
    return (
      <PageShell title={p.editing ? '已保存' : '已发布'}>
        <Notice message={p.formError} id="publish-error" />
        <View className="card" id="publish-done" data-activity-id={p.saved.id}>
          <Text className="card__title">{p.saved.title}</Text>
          <Text className="muted">
            {p.editing ? '修改已保存，已报名的志愿者会收到通知。' : '活动已发布，居民可以在活动页报名。'}
          </Text>
        </View>
        <Button
          id="publish-open-manage"
          className="btn btn--primary"
          onClick={() => go(withQuery(VROUTES.teamActivity, { id: p.saved!.id }))}
        >
          管理此活动
        </Button>
      </PageShell>
    );
  }

  return (
    <PageShell title={p.editing ? '编辑活动' : '发布活动'}>
      <View className="card">
        <FormField
          id="publish-title"
          label="活动标题"
          value={d.title}
          error={e.title}
          maxlength={60}
          onChange={(v) => p.set('title', v)}
        />
        <TextAreaField
          id="publish-description"
          label="活动介绍"
          height={220}
          value={d.description}
          error={e.description}
          maxlength={5000}
          onChange={(v) => p.set('description', v)}
        />
        <FormField
          id="publish-address"
          label="活动地址"
          value={d.address}
          error={e.address}
          maxlength={120}
          onChange={(v) => p.set('address', v)}
        />
        <LocationField
          id="publish-location"
          value={d.location}
          error={e.location ?? e['location.lng']}
          onChange={(loc, address) => {
            p.set('location', loc);
            if (address && !d.address) p.set('address', address);
          }}
        />
        <Text className="field__label">类别</Text>
        <View className="v-chips" id="publish-category">
          {ACTIVITY_CATEGORIES.map((c) => (
            <Text
              key={c}
              id={`publish-category-${c}`}
              className={`v-chip${d.category === c ? ' v-chip--on' : ''}`}
              onClick={() => p.set('category', c)}
            >
              {ACTIVITY_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
        <FormField
          id="publish-skills"
          label="所需技能（可选，用顿号分隔）"
          value={d.requiredSkills}
          error={e.requiredSkills}
          onChange={(v) => p.set('requiredSkills', v)}
        />
        <CoverField
          id="publish-cover"
          teamId={t.teamId}
          value={d.coverUrl}
          error={e.coverUrl}
          onChange={(v) => p.set('coverUrl', v)}
        />
      </View>

      <Text className="card__title">班次（北京时间）</Text>
      {d.shifts.map((s, i) => (
        <View key={s.shiftId ?? `new-${i}`} className="card" id={`publish-shift-${i}`}>
          <PickerField
            id={`shift-${i}-date`}
            label="日期"
            mode="date"
            start={s.shiftId ? undefined : today}
            value={s.date}
            error={e[`shifts.${i}.start`]}
            onChange={(v) => p.setShift(i, 'date', v)}
          />
          <PickerField
            id={`shift-${i}-start`}
            label="开始时间"
            mode="time"
            value={s.start}
            onChange={(v) => p.setShift(i, 'start', v)}
          />
          <PickerField
            id={`shift-${i}-end`}
            label="结束时间"
            mode="time"
            value={s.end}
            error={e[`shifts.${i}.end`]}
            onChange={(v) => p.setShift(i, 'end', v)}
          />
          <View className="row">
            <Text className="row__label">跨夜（次日结束）</Text>
            <Switch
              id={`shift-${i}-overnight`}
              checked={s.overnight}
              onChange={(ev) => p.setShift(i, 'overnight', ev.detail.value)}
            />
          </View>
          <FormField
            id={`shift-${i}-capacity`}
            label="名额"
            type="number"
            value={s.capacity}
            error={e[`shifts.${i}.capacity`]}
            maxlength={5}
            onChange={(v) => p.setShift(i, 'capacity', v)}
          />
          {!s.shiftId && d.shifts.length > 1 ? (
            <Text className="link" id={`shift-${i}-remove`} onClick={() => p.removeShift(i)}>
              删除此班次
            </Text>
          ) : null}
        </View>
      ))}
      {e.shifts ? <Text className="field-error">{e.shifts}</Text> : null}
      <Button id="publish-add-shift" className="btn btn--plain" onClick={p.addShift}>
        添加班次
      </Button>

      <View className="card">
        <Text className="muted">报名与取消截止时间留空时，默认为第一个班次开始时间。</Text>
        <PickerField
          id="publish-signup-date"
          label="报名截止日期"
          mode="date"
          start={today}
          value={d.signupDate}
          error={e.signupDeadline}
          placeholder="默认：第一个班次开始"
          onChange={(v) => p.set('signupDate', v)}
        />
        <PickerField
          id="publish-signup-time"
          label="报名截止时间"
          mode="time"
          value={d.signupTime}
          placeholder="默认 00:00"
          onChange={(v) => p.set('signupTime', v)}
        />
        <PickerField
          id="publish-cancel-date"
          label="取消截止日期"
          mode="date"
          start={today}
          value={d.cancelDate}
          error={e.cancelDeadline}
          placeholder="默认：第一个班次开始"
          onChange={(v) => p.set('cancelDate', v)}
        />
        <PickerField
          id="publish-cancel-time"
          label="取消截止时间"
          mode="time"
          value={d.cancelTime}
          placeholder="默认 00:00"
          onChange={(v) => p.set('cancelTime', v)}
        />
        <FormField
          id="publish-radius"
          label="签到范围（米）"
          type="number"
          value={d.checkinRadiusM}
          error={e.checkinRadiusM}
          maxlength={4}
          onChange={(v) => p.set('checkinRadiusM', v)}
        />
        {p.editing ? (
          <Text className="muted" id="publish-fixed-note">
            报名是否需要审核、是否现场签到在发布后不能修改。
          </Text>
        ) : null}
        <View className="row">
          <Text className="row__label">报名需要审核</Text>
          <Switch
            id="publish-approval"
            checked={d.requiresApproval}
            disabled={p.editing}
            onChange={(ev) => p.set('requiresApproval', ev.detail.value)}
          />
        </View>
        <View className="row">
          <Text className="row__label">现场扫码签到</Text>
          <Switch
            id="publish-checkin-required"
            checked={d.checkinRequired}
            disabled={p.editing}
            onChange={(ev) => p.set('checkinRequired', ev.detail.value)}
          />
        </View>
      </View>
      <Notice message={p.formError} id="publish-error" />
      <Button id="publish-submit" className="btn btn--primary" loading={p.submitting} onClick={() => void p.submit()}>
        {p.editing ? '保存修改' : '发布活动'}
      </Button>
    </PageShell>
  );
}
