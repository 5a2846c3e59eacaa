import { RichText, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { NoticeAttachments } from '../../../components/community/NoticeAttachments';
import { useAsync } from '../../../hooks/useAsync';
import { communityApi } from '../../../services/community';
import { formatTime } from '../../../services/format';
import '../community.scss';

/**
 * One notice. The body is HTML the server already cut down to a safe subset (no scripts, styles,
 * handlers or non-https links); RichText renders it as nodes on weapp and H5 alike.
 */
export default function NoticePage() {
  const { params } = useRouter();
  const n = useAsync(() => communityApi.notice(params.id ?? ''), [params.id]);
  const d = n.data;
  return (
    <PageShell title="公告详情">
      <Notice message={n.error} id="notice-error" />
      {d ? (
        <View className="card c-item" id="notice-detail">
          <View>
            {d.urgent ? <Text className="c-badge">紧急</Text> : null}
            <Text className="c-item__title" id="notice-title">
              {d.title}
            </Text>
          </View>
          <Text className="c-item__meta">
            {d.categoryLabel} · {d.communityNames.join('、')} · {d.publishedAt ? formatTime(d.publishedAt) : ''} · {d.readCount} 人已读
          </Text>
          {d.editedAt ? (
            <Text className="c-item__meta" id="notice-edited">
              已修改 · {formatTime(d.editedAt)}
            </Text>
          ) : null}
          <RichText id="notice-body" className="c-rich" nodes={d.body} />
          <NoticeAttachments attachments={d.attachments} />
          {d.expiresAt ? <Text className="c-item__meta">有效期至 {formatTime(d.expiresAt)}</Text> : null}
        </View>
      ) : null}
    </PageShell>
  );
}
