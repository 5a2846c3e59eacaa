import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { ActivityCard } from '../../../components/volunteering/ActivityCard';
import { useSession } from '../../../hooks/useSession';
import { useTeam } from '../../../hooks/volunteering/useTeam';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go, loginRoute } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

const MEMBERSHIP_LABELS: Record<string, string> = {
  pending: '申请审核中',
  active: '已加入',
  rejected: '申请未通过',
  left: '已退出',
};

export default function TeamPage() {
  const { id } = useRouter().params;
  const { loggedIn } = useSession();
  const t = useTeam(id);
  const [message, setMessage] = useState('');
  const team = t.team.data?.team;
  if (!team) {
    return (
      <PageShell title="志愿团队">
        <Notice message={t.team.error} id="team-error" />
      </PageShell>
    );
  }
  const mine = team.myMembership;
  // What the server's team policy says this user may do here now.
  const can = team.abilities;
  return (
    <PageShell>
      <View className="card" id="team-detail" data-id={team.id}>
        <Text className="page__title" id="team-name">
          {team.name}
        </Text>
        {team.status === 'certified' ? (
          <Text className="v-badge">已认证</Text>
        ) : (
          <Text className="v-badge v-badge--warn">{team.status === 'pending' ? '认证审核中' : '未通过认证'}</Text>
        )}
        <View className="row">
          <Text className="row__label">挂靠单位</Text>
          <Text>{team.hostOrg}</Text>
        </View>
        <View className="row">
          <Text className="row__label">服务区域</Text>
          <Text>{team.serviceArea}</Text>
        </View>
        <View className="row">
          <Text className="row__label">成员</Text>
          <Text id="team-members-count">{team.memberCount} 人</Text>
        </View>
        <View className="row">
          <Text className="row__label">累计服务</Text>
          <Text id="team-hours">{team.totalHours} 小时</Text>
        </View>
        {team.intro ? <Text className="muted">{team.intro}</Text> : null}
        {mine ? (
          <Text className="v-badge" id="team-my-membership">
            {MEMBERSHIP_LABELS[mine.status] ?? mine.status}
            {mine.role === 'admin' ? ' · 管理员' : ''}
          </Text>
        ) : null}
      </View>
      <Notice message={t.action.error} id="team-join-error" />
      <Notice type="success" message={t.action.success} id="team-join-success" />
      {can?.join ? (
        <View className="card">
          <FormField
            id="team-join-message"
            label="申请说明（可选）"
            value={message}
            maxlength={200}
            onChange={setMessage}
          />
          <Button
            id="team-join"
            className="btn btn--primary"
            loading={t.action.busy === 'join'}
            onClick={() => (loggedIn ? void t.join(message) : go(loginRoute()))}
          >
            申请加入
          </Button>
        </View>
      ) : null}
      {can?.manage ? (
        <Button
          id="team-manage"
          className="btn btn--plain"
          onClick={() => go(withQuery(VROUTES.teamHome, { team: team.id }))}
        >
          团队管理
        </Button>
      ) : null}
      {mine?.status === 'active' || can?.manage ? (
        <Button
          id="team-cert-listing"
          className="btn btn--plain"
          onClick={() => go(withQuery(VROUTES.certificateListing, { team: team.id }))}
        >
          本团队证明公示
        </Button>
      ) : null}
      <Text className="card__title">团队活动</Text>
      <View id="team-activities">
        {(t.activities.data?.items ?? []).map((a) => (
          <ActivityCard key={a.id} activity={a} onOpen={(aid) => go(withQuery(VROUTES.activity, { id: aid }))} />
        ))}
      </View>
    </PageShell>
  );
}
