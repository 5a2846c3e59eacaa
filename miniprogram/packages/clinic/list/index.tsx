import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { useClinicList } from '../../../hooks/clinic/useResidentClinic';
import { go } from '../../../services/nav';
import { ROUTES, withQuery } from '../../../services/routes';
import { ClinicMap } from '../components/ClinicMap';
import '../../../components/volunteering/volunteering.scss';

const distance = (m: number | null) => (m === null ? '' : m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);

/** Find a clinic: a list with distances (the list always shows; the map view sits above it when asked for and degrades to a note without a key). */
export default function ClinicListPage() {
  const list = useClinicList();
  return (
    <PageShell title="社区法律诊所">
      <Button id="clinic-my" className="btn btn--plain" onClick={() => go(ROUTES.clinicMy)}>
        我的法律咨询
      </Button>
      <View className="v-chips" id="clinic-view">
        <Text id="clinic-view-list" className={`v-chip ${list.view === 'list' ? 'v-chip--on' : ''}`} onClick={() => list.setView('list')}>
          列表
        </Text>
        <Text id="clinic-view-map" className={`v-chip ${list.view === 'map' ? 'v-chip--on' : ''}`} onClick={() => list.setView('map')}>
          地图
        </Text>
      </View>
      {list.view === 'map' && list.data ? (
        <ClinicMap
          position={list.data.at}
          items={list.data.items}
          onOpen={(id) => go(withQuery(ROUTES.clinicBook, { id }))}
        />
      ) : null}
      <Notice message={list.error} id="clinic-list-error" />
      {list.loading && !list.data ? <SkeletonCards id="clinic-list-loading" /> : null}
      <View id="clinic-list">
        {list.data && list.data.items.length === 0 ? (
          <EmptyState title="暂无法律诊所" description="诊所开放后会显示在这里。" />
        ) : null}
        {(list.data?.items ?? []).map((c) => (
          <View key={c.id} className="card v-item" id={`clinic-${c.id}`}>
            <Text className="v-item__title">{c.name}</Text>
            <Text className="v-item__meta">
              {c.address}
              {c.distanceM !== null ? ` · ${distance(c.distanceM)}` : ''}
            </Text>
            <Text className="v-item__meta">{c.openingHours}</Text>
            <View className="v-chips">
              {c.topics.map((t) => (
                <Text key={t.code} className="v-chip">
                  {t.label}
                </Text>
              ))}
            </View>
            <Text className="v-item__meta">{c.modes.map((m) => m.label).join(' · ')}</Text>
            <Button
              id={`clinic-${c.id}-book`}
              className="btn btn--primary"
              onClick={() => go(withQuery(ROUTES.clinicBook, { id: c.id }))}
            >
              预约咨询
            </Button>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
