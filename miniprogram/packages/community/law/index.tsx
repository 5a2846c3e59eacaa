import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { LAW_TOPIC_LABELS } from '@shared/law-topics';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { communityApi } from '../../../services/community';
import '../community.scss';

/** One article or explainer, with where it comes from and since when it applies. */
export default function LawPage() {
  const { params } = useRouter();
  const a = useAsync(() => communityApi.law(params.id ?? ''), [params.id]);
  const d = a.data;
  return (
    <PageShell title="条文详情">
      <Notice message={a.error} id="law-error" />
      {d ? (
        <View className="card c-item" id="law-detail">
          <Text className="c-item__meta">{d.law}</Text>
          <Text className="c-item__title" id="law-title">
            {d.title}
          </Text>
          <Text className="c-rich" id="law-text" userSelect>
            {d.text}
          </Text>
          <Text className="c-item__meta">专题：{d.topics.map((t) => LAW_TOPIC_LABELS[t]).join('、')}</Text>
          <Text className="c-item__meta">
            来源：{d.source} · 施行日期：{d.effectiveDate}
          </Text>
          <Text className="c-item__meta">本库内容仅供参考，具体问题请预约社区法律咨询。</Text>
        </View>
      ) : null}
    </PageShell>
  );
}
