import { Text, View } from '@tarojs/components';
import { WxMap } from '../WxMap';
import { Notice } from '../Notice';
import { StaticMap } from '../StaticMap';
import { isH5 } from '../../services/nav';
import type { THeat } from '../../services/reports';

interface Props {
  /** Counts per grid: the list every platform shows (the whole view without a map). */
  byGrid: THeat | null;
  /** Counts per map cell, drawn as circles where a map is available. */
  cells: THeat | null;
  withMap: boolean;
  loading: boolean;
  error: string | null;
  onGrid: (gridId: string) => void;
}

/** Red with the cell's share of the busiest cell as its opacity (hex alpha 33–cc). */
const fill = (count: number, max: number) => `#d54941${Math.round(0x33 + (0xcc - 0x33) * (count / Math.max(1, max))).toString(16).padStart(2, '0')}`;

/**
 * The heat view of 大家的上报: where reports gather. On weapp circles per cell on WeChat's map,
 * sized and shaded by count; on H5 with a key Tencent's static map with the busiest cells marked
 * (Taro's own H5 map needs Baidu's SDK, which the portal does not load); always the per-grid table with counts and overdue ones,
 * busiest first, each row leading to that grid's list.
 */
export function ReportHeat({ byGrid, cells, withMap, loading, error, onGrid }: Props) {
  const rows = byGrid?.cells ?? [];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const dots = cells?.cells ?? [];
  const dotMax = Math.max(1, ...dots.map((d) => d.count));
  const centre = dots[0] ?? rows[0];
  return (
    <View id="public-heat">
      {withMap && centre && isH5 ? (
        <StaticMap id="public-heat-map" center={centre} points={[...dots].sort((a, b) => b.count - a.count)} what="各网格的上报数量" />
      ) : null}
      {withMap && centre && !isH5 ? (
        <WxMap
          id="public-heat-map"
          longitude={centre.lng}
          latitude={centre.lat}
          scale={12}
          circles={dots.map((d) => ({ longitude: d.lng, latitude: d.lat, radius: 200 + 400 * (d.count / dotMax), fillColor: fill(d.count, dotMax), color: '#d5494100', strokeWidth: 0 })) as never}
          includePoints={dots.map((d) => ({ longitude: d.lng, latitude: d.lat }))}
          onError={() => undefined}
          style={{ width: '100%', height: '480rpx', marginBottom: '24rpx' }}
        />
      ) : null}
      <Notice message={error} id="public-heat-error" />
      {loading && !byGrid ? <Text className="muted">加载中…</Text> : null}
      {byGrid ? (
        <Text className="muted" id="public-heat-total">
          共 {byGrid.total} 件{byGrid.capped ? '（仅统计距中心最近的部分，请缩小范围）' : ''}
        </Text>
      ) : null}
      <View id="public-heat-rows">
        {rows.map((r) => (
          <View key={r.key || 'outside'} className="card v-item" id={`public-heat-${r.key || 'outside'}`} onClick={() => r.key && onGrid(r.key)}>
            <Text className="v-item__title">
              {r.label}：{r.count} 件{r.overdue ? `，其中超时 ${r.overdue} 件` : ''}
            </Text>
            <View style={{ height: '12rpx', borderRadius: '6rpx', background: fill(r.count, max), width: `${Math.max(4, Math.round((100 * r.count) / max))}%` }} />
          </View>
        ))}
      </View>
      {byGrid && rows.length === 0 ? <Text className="muted" id="public-heat-empty">此范围内暂无上报</Text> : null}
    </View>
  );
}
