import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  HELP_CATEGORIES,
  HELP_CATEGORY_LABELS,
  type THelpRequestDto,
} from '@shared/schemas/volunteering/help-requests';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { SkeletonCards } from '../../../components/Skeleton';
import { usePublicHelpDetail, usePublicHelpList } from '../../../hooks/volunteering/usePublicHelp';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/** What the public sees of a request's progress (pending, rejected and closed ones are never listed). */
const STATUS_LABELS: Record<string, string> = {
  published: '等待团队响应',
  taken: '已有团队响应',
  converted: '已转为志愿活动',
};

function HelpStatus({ r }: { r: THelpRequestDto }) {
  return (
    <View>
      <Text className="v-badge">{r.categoryLabel}</Text>
      <Text className={`v-badge${r.status === 'published' ? ' v-badge--warn' : ''}`}>
        {STATUS_LABELS[r.status] ?? r.status}
      </Text>
      {r.takenBy ? <Text className="v-badge">{r.takenBy.teamName}</Text> : null}
    </View>
  );
}

function HelpDetail({ helpId }: { helpId: string }) {
  const d = usePublicHelpDetail(helpId);
  const r = d.data;
  return (
    <PageShell title="求助详情">
      <Notice message={d.error} id="help-public-error" />
      {d.loading && !r ? <SkeletonCards id="help-public-skeleton" count={1} /> : null}
      {r ? (
        <View className="card" id="help-public-detail">
          <HelpStatus r={r} />
          <Text className="v-item__title">{r.description}</Text>
          <Text className="v-item__meta">地点：{r.address}</Text>
          <Text className="v-item__meta">需要时间：{formatTime(r.neededAt)}</Text>
          <Text className="v-item__meta">发布于 {formatTime(r.createdAt)}</Text>
          {r.activityId ? (
            <Button
              id="help-public-activity"
              className="btn btn--primary"
              onClick={() => go(withQuery(VROUTES.activity, { id: r.activityId as string }))}
            >
              查看对应的志愿活动
            </Button>
          ) : null}
          <Text className="muted">为保护求助人，这里不显示其姓名和联系方式；团队响应后由团队与求助人联系。</Text>
        </View>
      ) : null}
    </PageShell>
  );
}

function HelpList() {
  const { category, setCategory, list } = usePublicHelpList(true);
  const options = [
    { key: undefined, label: '全部' },
    ...HELP_CATEGORIES.map((c) => ({ key: c, label: HELP_CATEGORY_LABELS[c] })),
  ];
  return (
    <PageShell title="大家的求助">
      <Text className="muted">经审核公开的居民求助，不含求助人身份。志愿团队可以在团队管理中响应。</Text>
      <View className="v-chips v-chips--scroll" id="help-public-category">
        {options.map((o) => (
          <Text
            key={o.key ?? 'all'}
            id={`help-public-category-${o.key ?? 'all'}`}
            className={`v-chip${category === o.key ? ' v-chip--on' : ''}`}
            onClick={() => setCategory(o.key)}
          >
            {o.label}
          </Text>
        ))}
      </View>
      <Notice message={list.error} id="help-public-error" />
      {list.loading && list.items.length === 0 ? <SkeletonCards id="help-public-skeleton" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <View className="card" id="help-public-empty">
          <EmptyState title="暂时没有公开的求助" />
        </View>
      ) : null}
      <View id="help-public-list">
        {list.items.map((r) => (
          <View
            key={r.id}
            className="card v-item"
            id={`help-public-${r.id}`}
            onClick={() => go(withQuery(VROUTES.helpPublic, { id: r.id }))}
          >
            <Text className="v-item__title">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {formatTime(r.neededAt)}
            </Text>
            <HelpStatus r={r} />
          </View>
        ))}
      </View>
      {list.more ? (
        <Button
          id="help-public-more"
          className="btn btn--plain"
          loading={list.loading}
          onClick={() => void list.more?.()}
        >
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}

/** 大家的求助: the list, or one request with ?id=. */
export default function PublicHelpPage() {
  const { id } = useRouter().params;
  return id ? <HelpDetail helpId={id} /> : <HelpList />;
}
