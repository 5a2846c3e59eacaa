import { Text, View } from '@tarojs/components';
import type { TStatsDto } from '@shared/schemas/volunteering/stats';

/** A stats answer: the range's totals (district figures where present) and one card per month or team. */
export function StatsView({ id, stats: d }: { id: string; stats: TStatsDto }) {
  return (
    <>
      <View className="card" id={`${id}-totals`}>
        <Text className="card__title">
          {d.from} 至 {d.to}
        </Text>
        <View className="row">
          <Text className="row__label">服务志愿者</Text>
          <Text id={`${id}-volunteers`}>{d.totals.volunteers} 人</Text>
        </View>
        <View className="row">
          <Text className="row__label">服务时长</Text>
          <Text id={`${id}-hours`}>{d.totals.hours} 小时</Text>
        </View>
        <View className="row">
          <Text className="row__label">举办活动</Text>
          <Text>{d.totals.activitiesHeld} 场</Text>
        </View>
        {d.registeredVolunteers !== null ? (
          <View className="row">
            <Text className="row__label">注册志愿者</Text>
            <Text>{d.registeredVolunteers} 人</Text>
          </View>
        ) : null}
        {d.certifiedTeams !== null ? (
          <View className="row">
            <Text className="row__label">认证团队</Text>
            <Text>{d.certifiedTeams} 个</Text>
          </View>
        ) : null}
      </View>
      <View id={`${id}-rows`}>
        {d.rows.map((r) => (
          <View key={r.key} className="card v-item" id={`${id}-${r.key}`}>
            <Text className="v-item__title">{r.label}</Text>
            <Text className="v-item__meta">
              {r.volunteers} 人 · {r.hours} 小时 · 举办 {r.activitiesHeld} 场 · 有服务记录 {r.activitiesServed} 场
            </Text>
          </View>
        ))}
      </View>
    </>
  );
}
