import { Text, View } from '@tarojs/components';
import { fenToYuan } from '@shared/schemas/donations';
import type { TProject } from '../../services/donations';

/** Raised of goal as a bar, with the donor count and the days left (the project list and page). */
export function ProjectProgress({ project, id }: { project: TProject; id: string }) {
  const t = project.totals;
  return (
    <View className="ch-item" id={id} data-percent={String(project.progressPercent)} data-raised={String(t.raisedFen - t.refundedFen)}>
      <View className="ch-bar" role="progressbar" aria-valuenow={project.progressPercent}>
        <View className="ch-bar__fill" style={{ width: `${Math.min(100, project.progressPercent)}%` }} />
      </View>
      <Text className="ch-meta" id={`${id}-text`}>
        {`已筹 ${fenToYuan(t.raisedFen - t.refundedFen)} 元 / 目标 ${fenToYuan(project.goalFen)} 元（${project.progressPercent}%）`}
      </Text>
      <View className="ch-meta">
        <Text id={`${id}-donors`}>{`${t.donorCount} 人捐赠`}</Text>
        <Text>{project.status === 'published' ? ` · 剩余 ${project.daysLeft} 天` : ` · ${project.statusLabel}`}</Text>
      </View>
    </View>
  );
}
