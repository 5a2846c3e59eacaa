import { Button, Text, View } from '@tarojs/components';
import { WxMap } from '../../../components/WxMap';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { useNearbyTeams } from '../../../hooks/volunteering/useNearbyTeams';
import { formatDistance } from '../../../hooks/volunteering/labels';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go, isH5 } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

const RADII = [3, 10, 30];

/** 志愿地图: a map (weapp) and the list of certified teams nearest first, plus 申请成立团队. */
export default function NearbyTeamsPage() {
  const n = useNearbyTeams();
  const markers = n.items
    .filter((t) => t.location)
    .map((t, i) => ({
      id: i,
      longitude: t.location!.lng,
      latitude: t.location!.lat,
      title: t.name,
      width: 28,
      height: 36,
      iconPath: '/assets/tab/activity-active.png',
    }));
  return (
    <PageShell title="附近的志愿团队">
      {!isH5 && n.position ? (
        <WxMap
          id="teams-map"
          longitude={n.position.lng}
          latitude={n.position.lat}
          scale={13}
          markers={markers as never}
          showLocation
          onError={() => undefined}
          style={{ width: '100%', height: '480rpx', marginBottom: '24rpx' }}
          onMarkerTap={(e) => {
            const t = n.items.filter((x) => x.location)[Number((e.detail as { markerId: number }).markerId)];
            if (t) go(withQuery(VROUTES.team, { id: t.id }));
          }}
        />
      ) : null}
      <View className="v-chips">
        {RADII.map((r) => (
          <Text
            key={r}
            id={`teams-radius-${r}`}
            className={`v-chip${n.radiusKm === r ? ' v-chip--on' : ''}`}
            onClick={() => n.setRadiusKm(r)}
          >
            {r} 公里内
          </Text>
        ))}
      </View>
      <Notice message={n.error} id="teams-error" />
      {!n.loading && !n.error && n.items.length === 0 ? <EmptyState title="附近还没有认证的志愿团队" /> : null}
      <View id="teams-list">
        {n.items.map((t) => (
          <View
            key={t.id}
            className="card v-item"
            id={`team-${t.id}`}
            onClick={() => go(withQuery(VROUTES.team, { id: t.id }))}
          >
            <Text className="v-item__title">{t.name}</Text>
            <Text className="v-item__meta">
              {t.serviceArea} · {t.memberCount} 名成员 · {formatDistance(t.distanceM)}
            </Text>
          </View>
        ))}
      </View>
      <Button id="teams-apply" className="btn btn--plain" onClick={() => go(VROUTES.teamApply)}>
        申请成立志愿团队
      </Button>
    </PageShell>
  );
}
