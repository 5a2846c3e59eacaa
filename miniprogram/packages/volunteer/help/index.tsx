import { Button, Picker, Text, View } from '@tarojs/components';
import { HELP_CATEGORIES, HELP_CATEGORY_LABELS } from '@shared/schemas/volunteering/help-requests';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { FormField } from '../../../components/FormField';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { LocationField } from '../../../components/volunteering/LocationField';
import { useSession } from '../../../hooks/useSession';
import { useHelpRequest } from '../../../hooks/volunteering/useHelpRequest';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import { formatTime } from '../../../services/format';
import { go, loginRoute } from '../../../services/nav';
import { VROUTES } from '../../../hooks/volunteering/routes';
import '../../../components/volunteering/volunteering.scss';

const CAT_LABELS = HELP_CATEGORIES.map((c) => HELP_CATEGORY_LABELS[c]);
/** Approved requests are public: anyone can see what neighbours need before asking themselves. */
function PublicHelpLink() {
  return (
    <View className="row" id="help-public-link" onClick={() => go(VROUTES.helpPublic)}>
      <Text className="row__label">看看大家的求助</Text>
      <Text className="link">查看 ›</Text>
    </View>
  );
}

const STATUS_LABELS: Record<string, string> = {
  pending_review: '审核中',
  published: '已公开',
  rejected: '未通过',
  taken: '已有团队认领',
  converted: '已转为活动',
  closed: '已关闭',
};

export default function HelpRequestPage() {
  const { loggedIn } = useSession();
  const h = useHelpRequest(loggedIn);
  if (!loggedIn) {
    return (
      <PageShell title="我要求助">
        <PublicHelpLink />
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后发布求助
        </Button>
      </PageShell>
    );
  }
  const d = h.draft;
  return (
    <PageShell title="我要求助">
      <PublicHelpLink />
      <View className="card">
        <Picker
          mode="selector"
          range={CAT_LABELS}
          value={HELP_CATEGORIES.indexOf(d.category)}
          onChange={(e) => h.setField('category', HELP_CATEGORIES[Number(e.detail.value)])}
        >
          <View className="row" id="help-category">
            <Text className="row__label">类别</Text>
            <Text>{HELP_CATEGORY_LABELS[d.category]} ▾</Text>
          </View>
        </Picker>
        <TextAreaField
          id="help-description"
          label="需要什么帮助"
          value={d.description}
          error={h.errors.description}
          maxlength={1000}
          onChange={(v) => h.setField('description', v)}
        />
        <FormField
          id="help-address"
          label="地点"
          value={d.address}
          error={h.errors.address}
          maxlength={100}
          onChange={(v) => h.setField('address', v)}
        />
        <PickerField
          id="help-date"
          label="日期"
          mode="date"
          start={todayShanghai()}
          value={d.date}
          error={h.errors.date}
          onChange={(v) => h.setField('date', v)}
        />
        <PickerField
          id="help-time"
          label="时间"
          mode="time"
          value={d.time}
          error={h.errors.time}
          onChange={(v) => h.setField('time', v)}
        />
        <LocationField
          id="help-location"
          value={d.location}
          error={h.errors.location}
          onChange={(loc) => h.setField('location', loc)}
        />
        <Notice message={h.action.error} id="help-error" />
        <Notice type="success" message={h.action.success} id="help-success" />
        <Button
          id="help-submit"
          className="btn btn--primary"
          loading={h.action.busy === 'submit'}
          onClick={() => void h.submit()}
        >
          提交求助
        </Button>
        <Text className="muted">求助经区级或团队管理员审核后公开，不会显示您的身份。</Text>
      </View>
      <Text className="card__title">我的求助</Text>
      {h.mine.loading && !h.mine.data ? <SkeletonCards id="help-mine-loading" count={1} /> : null}
      <View id="help-mine">
        {(h.mine.data?.items ?? []).map((r) => (
          <View key={r.id} className="card v-item" id={`help-${r.id}`}>
            <Text className="v-item__title">{r.categoryLabel}</Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {formatTime(r.neededAt)}
            </Text>
            <Text className="v-badge">{STATUS_LABELS[r.status] ?? r.status}</Text>
            {r.review?.decision === 'reject' ? <Text className="v-item__meta">驳回原因：{r.review.reason}</Text> : null}
            {r.abilities?.close ? (
              <Button
                id={`help-${r.id}-close`}
                className="btn btn--plain"
                loading={h.action.busy === `close-${r.id}`}
                onClick={() => void h.close(r.id)}
              >
                关闭求助
              </Button>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
