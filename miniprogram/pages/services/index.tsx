import { View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { EmptyState } from '../../components/EmptyState';
// reports (issue 12)
import { ServicesReportSection } from '../../components/reports/ServicesReportSection';

/** 办事 tab: legal consultations, issue reports and donations will be listed here as they open. */
export default function ServicesPage() {
  return (
    <PageShell title="办事">
      {/* reports (issue 12) */}
      <ServicesReportSection />
      <View className="card" id="services-empty">
        <EmptyState
          title="暂无办理中的事项"
          description="法律咨询预约、随手拍上报和公益捐赠即将开放，开放后您的办理记录会显示在这里。"
        />
      </View>
    </PageShell>
  );
}
