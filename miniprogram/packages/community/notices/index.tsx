import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { communityApi, rememberedCommunity } from '../../../services/community';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../community.scss';

/** Notices: the resident's community (and district-wide) first, urgent and pinned on top. */
export default function NoticesPage() {
  const community = rememberedCommunity();
  const list = useAsync(() => communityApi.notices({ communityId: community?.id }), []);
  return (
    <PageShell title="社区公告">
      <View className="card c-item" id="notices-community" onClick={() => go(ROUTES.chooseCommunity)}>
        <Text>{community ? `我的社区：${community.name}` : '选择我的社区，优先查看本社区公告'}</Text>
        <Text className="link">{community ? '更换 ›' : '去选择 ›'}</Text>
      </View>
      <Notice message={list.error} id="notices-error" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无公告" /> : null}
      <View id="notices-list">
        {list.data?.items.map((n) => (
          <View key={n.id} className="card c-item notice-item" id={`notice-${n.id}`} onClick={() => go(withQuery(ROUTES.notice, { id: n.id }))}>
            <View>
              {n.urgent ? <Text className="c-badge">紧急</Text> : null}
              {n.pinned ? <Text className="c-badge c-badge--pin">置顶</Text> : null}
              <Text className="c-item__title">{n.title}</Text>
            </View>
            <Text className="c-item__meta">{n.excerpt}</Text>
            <Text className="c-item__meta">
              {n.categoryLabel} · {n.communityNames.join('、')} · {n.readCount} 人已读
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
