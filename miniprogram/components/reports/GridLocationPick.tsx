import { Text, View } from '@tarojs/components';
import { SelectField } from './SelectField';
import { useAsync } from '../../hooks/useAsync';
import { isH5 } from '../../services/nav';
import { reportsApi, reportsMapAvailable, type TPublicGrid } from '../../services/reports';

const distance = (m: number) => (m < 1000 ? `约 ${m} 米` : `约 ${(m / 1000).toFixed(1)} 公里`);
const label = (g: TPublicGrid) => (g.distanceM === undefined ? g.name : `${g.name}（${distance(g.distanceM)}）`);

interface Props {
  id: string;
  /** The position already known (then the grids come nearest first, with distances). */
  near?: { lng: number; lat: number };
  onPick: (point: { lng: number; lat: number }, gridName: string) => void;
}

/**
 * Without a map on H5 (no key), a resident who cannot or will not share the position picks the
 * grid the problem is in; the report takes a point inside that grid, so it reaches the grid's
 * handler, and the address says where exactly. Hidden on weapp (chooseLocation) and with a map key.
 */
export function GridLocationPick({ id, near, onPick }: Props) {
  const enabled = !reportsMapAvailable(isH5);
  const grids = useAsync(() => reportsApi.grids(near), [near?.lng, near?.lat], enabled);
  const items = grids.data?.items ?? [];
  if (!enabled || items.length === 0) return null;
  return (
    <View id={id}>
      <SelectField
        id={`${id}-grid`}
        label="没有地图？按所在网格选择大致位置"
        options={items.map((g) => ({ key: g.id, label: label(g) }))}
        value={null}
        placeholder="选择网格（请在地址中写明具体位置）"
        onChange={(gridId) => {
          const g = items.find((x) => x.id === gridId);
          if (g) onPick(g.centre, g.name);
        }}
      />
      {grids.data?.at ? <Text className="muted" id={`${id}-at`}>所选位置位于：{grids.data.at.name}</Text> : null}
      <Text className="muted">地图服务未配置：{near ? '网格按距离由近及远列出。' : '定位后网格按距离由近及远列出。'}</Text>
    </View>
  );
}
