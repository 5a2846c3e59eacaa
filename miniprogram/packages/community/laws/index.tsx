import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { communityApi } from '../../../services/community';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../community.scss';

/** 法规库: search in Chinese (ranked by relevance) or browse a topic; clinic topics and report categories link here with ?topic=. */
export default function LawsPage() {
  const { params } = useRouter();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState<{ q?: string; topic?: string }>({ topic: params.topic || undefined });
  const topics = useAsync(() => communityApi.lawTopics(), []);
  const active = !!(query.q || query.topic);
  const results = useAsync(() => communityApi.laws(query), [query.q, query.topic], active);
  return (
    <PageShell title="法规库">
      <View className="c-search">
        <Input
          id="laws-q"
          className="field__input"
          value={draft}
          placeholder="输入关键词，如：离婚、工资、退货"
          maxlength={30}
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQuery({ q: draft.trim() || undefined, topic: query.topic })}
        />
        <Button id="laws-search" className="btn btn--small" onClick={() => setQuery({ q: draft.trim() || undefined, topic: query.topic })}>
          搜索
        </Button>
      </View>
      <View className="v-chips" id="laws-topics">
        {topics.data?.items.map((t) => (
          <Text
            key={t.code}
            id={`laws-topic-${t.code}`}
            className={`v-chip${query.topic === t.code ? ' v-chip--on' : ''}`}
            onClick={() => setQuery({ q: query.q, topic: query.topic === t.code ? undefined : t.code })}
          >
            {t.label}（{t.count}）
          </Text>
        ))}
      </View>
      <Notice message={results.error} id="laws-error" />
      {active && !results.loading && results.data?.items.length === 0 ? <EmptyState title="没有找到相关条文" description="换个关键词试试" /> : null}
      <View id="laws-results">
        {active
          ? results.data?.items.map((a) => (
              <View key={a.id} className="card c-item law-item" id={`law-${a.id}`} onClick={() => go(withQuery(ROUTES.law, { id: a.id }))}>
                <Text className="c-item__title">
                  {a.law === '以案说法' ? '以案说法 · ' : `${a.law.replace('中华人民共和国', '')} `}
                  {a.title}
                </Text>
                <Text className="c-item__meta">{a.excerpt}</Text>
              </View>
            ))
          : null}
      </View>
    </PageShell>
  );
}
