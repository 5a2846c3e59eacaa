import { Text, View } from '@tarojs/components';
import { go } from '../../services/nav';
import { ROUTES } from '../../services/routes';

/** 办事 tab: the 随手拍 entry (report a problem, my reports and follows, everyone's reports). */
export function ServicesReportSection() {
  return (
    <View className="card" id="services-report">
      <Text className="card__title">随手拍</Text>
      <View className="row" id="services-report-new" onClick={() => go(ROUTES.reportNew)}>
        <Text className="row__label">上报社区问题</Text>
        <Text className="link">去上报 ›</Text>
      </View>
      <View className="row" id="services-report-mine" onClick={() => go(ROUTES.reportMine)}>
        <Text className="row__label">我的上报与关注</Text>
        <Text className="link">查看 ›</Text>
      </View>
      <View className="row" id="services-report-public" onClick={() => go(ROUTES.reportPublic)}>
        <Text className="row__label">大家的上报</Text>
        <Text className="link">查看 ›</Text>
      </View>
    </View>
  );
}
