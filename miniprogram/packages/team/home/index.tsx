import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { useAsync } from '../../../hooks/useAsync';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useTeamHelp } from '../../../hooks/volunteering/useTeamHelp';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { formatRange } from '../../../hooks/volunteering/labels';
import { formatTime } from '../../../services/format';
import { volunteeringApi } from '../../../services/volunteering';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/** Team admin home: pick a team, publish, manage its activities, hours and members. */
export default function TeamHomePage() {
  const t = useTeamAdmin(useRouter().params.team);
  const list = useAsync(() => volunteeringApi.activities({ teamId: t.teamId, pageSize: 50 }), [t.teamId], t.allowed);
  const help = useTeamHelp(t.teamId, t.allowed);
  // The first show comes with the mount's own loads: refresh only on coming back.
  useDidShow(() => void (t.allowed && list.data ? Promise.all([list.reload(), help.list.reload()]) : undefined));
  if (!t.allowed) {
    return (
      <PageShell title="团队管理">
        <Notice message={t.user ? '您还不是任何已认证团队的管理员。' : null} id="team-forbidden" />
        <Button className="btn btn--plain" onClick={() => go(VROUTES.teamApply)}>
          申请成立志愿团队
        </Button>
      </PageShell>
    );
  }
  const q = { team: t.teamId };
  return (
    <PageShell title={t.team?.name ?? '团队管理'}>
      <Notice message={t.teamError} id="team-load-error" />
      {t.teamIds.length > 1 ? (
        <View className="v-chips" id="team-switch">
          {t.teamIds.map((tid) => (
            <Text
              key={tid}
              className={`v-chip${tid === t.teamId ? ' v-chip--on' : ''}`}
              onClick={() => go(withQuery(VROUTES.teamHome, { team: tid }))}
            >
              团队 {tid.slice(-6)}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="v-actions">
        <Button id="team-publish" className="btn btn--primary" onClick={() => go(withQuery(VROUTES.teamPublish, q))}>
          发布活动
        </Button>
        <Button id="team-hours" className="btn btn--plain" onClick={() => go(withQuery(VROUTES.teamHours, q))}>
          时长确认
        </Button>
        <Button id="team-members" className="btn btn--plain" onClick={() => go(withQuery(VROUTES.teamMembers, q))}>
          成员管理
        </Button>
        <Button id="team-appeals" className="btn btn--plain" onClick={() => go(withQuery(VROUTES.teamAppeals, q))}>
          失约申诉
        </Button>
        <Button id="team-stats" className="btn btn--plain" onClick={() => go(withQuery(VROUTES.teamStats, q))}>
          团队统计
        </Button>
        <Button id="team-certificates" className="btn btn--plain" onClick={() => go(withQuery(VROUTES.teamCertificates, q))}>
          证明确认
        </Button>
        {/* Team admins by membership review residents' help requests too (the portal lists it by role only). */}
        <Button id="team-help-review" className="btn btn--plain" onClick={() => go(VROUTES.districtHelp)}>
          求助审核
        </Button>
      </View>
      <Text className="card__title">本团队活动</Text>
      <Notice message={list.error} id="team-activities-error" />
      {list.loading && !list.data ? <SkeletonCards id="team-activity-loading" count={2} /> : null}
      <View id="team-activity-list">
        {(list.data?.items ?? []).map((a) => (
          <View
            key={a.id}
            className="card v-item"
            id={`team-activity-${a.id}`}
            onClick={() => go(withQuery(VROUTES.teamActivity, { id: a.id }))}
          >
            <Text className="v-item__title">{a.title}</Text>
            <Text className="v-item__meta">{formatRange(a.startsAt, a.endsAt)}</Text>
            <Text className="v-item__meta">余 {a.remaining} 个名额</Text>
          </View>
        ))}
      </View>
      <Text className="card__title">可认领的求助</Text>
      <Notice message={help.list.error ?? help.action.error} id="team-help-error" />
      {help.list.loading && !help.list.data ? <SkeletonCards id="team-help-loading" count={1} /> : null}
      <View id="team-help-list">
        {help.open.map((h) => (
          <View key={h.id} className="card v-item" id={`team-help-${h.id}`}>
            <Text className="v-item__title">{h.categoryLabel}</Text>
            <Text className="v-item__meta">{h.description}</Text>
            <Text className="v-item__meta">
              {h.address} · {formatTime(h.neededAt)}
            </Text>
            {h.abilities?.take ? (
              <Button
                id={`team-help-${h.id}-take`}
                className="btn btn--plain"
                loading={help.action.busy === `take-${h.id}`}
                onClick={() => void help.take(h.id)}
              >
                认领并发布活动
              </Button>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
