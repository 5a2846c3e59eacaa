import { Text, View } from '@tarojs/components';
import { WxMap } from '../../../components/WxMap';
import Taro from '@tarojs/taro';
import { PLACE_TYPE_LABELS, PLACE_TYPES } from '@shared/schemas/community/places';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useNearbyPlaces } from '../../../hooks/community/useNearbyPlaces';
import { formatMetres } from '../../../services/community';
import { isH5 } from '../../../services/nav';
import '../community.scss';

const FILTERS = ['clinic', 'service_centre', 'pharmacy', 'hospital', 'bus_stop', 'volunteer_station', 'market', 'elderly_care'] as const;

/**
 * Nearby services: radius chips, then the list nearest first with walking estimates and open-now.
 * The map shows on weapp (WeChat's own map); H5 has no tile key in dev, so it is the list alone.
 */
export default function NearbyPage() {
  const n = useNearbyPlaces();
  const markers = n.items.map((p, i) => ({ id: i, longitude: p.location.lng, latitude: p.location.lat, title: p.name, width: 24, height: 32 }));
  return (
    <PageShell title="15 分钟生活圈">
      {!isH5 && n.position ? (
        <WxMap
          id="nearby-map"
          longitude={n.position.lng}
          latitude={n.position.lat}
          scale={15}
          markers={markers as never}
          showLocation
          onError={() => undefined}
          style={{ width: '100%', height: '420rpx', marginBottom: '24rpx' }}
        />
      ) : null}
      <View className="v-chips" id="nearby-radii">
        {n.radii.map((r) => (
          <Text key={r} id={`nearby-radius-${r}`} className={`v-chip${n.radius === r ? ' v-chip--on' : ''}`} onClick={() => n.setRadius(r)}>
            {formatMetres(r)}内
          </Text>
        ))}
      </View>
      <View className="v-chips">
        <Text id="nearby-type-all" className={`v-chip${!n.type ? ' v-chip--on' : ''}`} onClick={() => n.setType(undefined)}>
          全部
        </Text>
        {FILTERS.filter((t) => PLACE_TYPES.includes(t)).map((t) => (
          <Text key={t} id={`nearby-type-${t}`} className={`v-chip${n.type === t ? ' v-chip--on' : ''}`} onClick={() => n.setType(t)}>
            {PLACE_TYPE_LABELS[t]}
          </Text>
        ))}
      </View>
      <Notice message={n.error} id="nearby-error" />
      {!n.loading && !n.error && n.items.length === 0 ? <EmptyState title="这个范围内还没有服务点" description="试试扩大范围" /> : null}
      <View id="nearby-list" data-radius={n.radius} className={n.loading ? 'is-loading' : 'is-ready'}>
        {n.items.map((p) => (
          <View key={p.id} className="card c-item nearby-item" id={`place-${p.id}`}>
            <View className="c-item__row">
              <Text className="c-item__title">{p.name}</Text>
              <Text className="nearby-item__distance" data-m={p.distanceM}>
                {formatMetres(p.distanceM)}
              </Text>
            </View>
            <Text className="c-item__meta">
              {p.typeLabel} · 步行约 {p.walkingMinutes} 分钟（约 {formatMetres(p.walkingM)}）
              {p.openNow === null ? '' : p.openNow ? ' · 营业中' : ' · 已休息'}
            </Text>
            <Text className="c-item__meta">{p.address}</Text>
            {p.openingHours ? <Text className="c-item__meta">营业时间：{p.openingHours}</Text> : null}
            {p.phone ? (
              <Text className="link" onClick={() => void Taro.makePhoneCall({ phoneNumber: p.phone! }).catch(() => undefined)}>
                电话 {p.phone}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
