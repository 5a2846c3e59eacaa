import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { SignupRow } from '../../../components/volunteering/SignupRow';
import { useSession } from '../../../hooks/useSession';
import { useMySignups, type TSignupScope } from '../../../hooks/volunteering/useMySignups';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

const SCOPES: { key: TSignupScope; label: string }[] = [
  { key: 'upcoming', label: '即将参加' },
  { key: 'past', label: '已结束' },
  { key: 'all', label: '全部' },
];

export default function MySignupsPage() {
  const { loggedIn } = useSession();
  const m = useMySignups(loggedIn);
  useDidShow(() => void (m.list.data ? m.list.reload() : undefined));
  const items = m.list.data?.items ?? [];
  return (
    <PageShell title="我的活动">
      <View className="v-chips">
        {SCOPES.map((s) => (
          <Text
            key={s.key}
            id={`my-scope-${s.key}`}
            className={`v-chip${m.scope === s.key ? ' v-chip--on' : ''}`}
            onClick={() => m.setScope(s.key)}
          >
            {s.label}
          </Text>
        ))}
        <Text className="v-chip" id="my-goto-profile" onClick={() => go(VROUTES.register)}>
          志愿者档案
        </Text>
      </View>
      <Notice message={m.list.error ?? m.action.error} id="my-error" />
      <Notice type="success" message={m.action.success} id="my-success" />
      {!m.list.loading && !m.list.error && items.length === 0 ? (
        <EmptyState title="暂无报名记录" description="去活动页看看附近的志愿活动吧。" />
      ) : null}
      <View id="my-signups">
        {items.map((s) => (
          <SignupRow
            key={s.id}
            signup={s}
            busy={m.action.busy}
            showActivity
            onOpen={(x) => go(withQuery(VROUTES.activity, { id: x.activityId }))}
            onCancel={(id) => void m.cancel(id)}
            onAccept={(id) => void m.accept(id)}
            onCheckin={(x) => go(withQuery(VROUTES.checkin, { a: x.activityId }))}
          />
        ))}
      </View>
    </PageShell>
  );
}
