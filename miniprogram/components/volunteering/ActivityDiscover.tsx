import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  type TActivityCategory,
} from '@shared/schemas/volunteering/constants';
import { DATE_OPTIONS, useActivityDiscover, type TDiscoverView } from '../../hooks/volunteering/useActivityDiscover';
import { VROUTES, withQuery } from '../../hooks/volunteering/routes';
import { adminTeamIds } from '../../hooks/volunteering/labels';
import { useSession } from '../../hooks/useSession';
import { go } from '../../services/nav';
import { EmptyState } from '../EmptyState';
import { Notice } from '../Notice';
import { SkeletonCards } from '../Skeleton';
import { ActivityCard } from './ActivityCard';
import { NearbyMap } from './NearbyMap';
import { VOLUNTEERING_LIMITS } from '@shared/schemas/volunteering/constants';
import './volunteering.scss';

const CATEGORY_OPTIONS: { key: TActivityCategory | 'all'; label: string }[] = [
  { key: 'all', label: '全部类别' },
  ...ACTIVITY_CATEGORIES.map((c) => ({ key: c, label: ACTIVITY_CATEGORY_LABELS[c] })),
];

const VIEW_OPTIONS: { key: TDiscoverView; label: string }[] = [
  { key: 'list', label: '列表' },
  { key: 'map', label: '地图' },
];

/** The 活动 tab body: filters, the list, and links to 我的活动 / 附近团队 / 求助. */
export function ActivityDiscover({ loggedIn, teamId }: { loggedIn: boolean; teamId?: string }) {
  const d = useActivityDiscover({ teamId });
  const { user } = useSession();
  const isTeamAdmin = adminTeamIds(user?.roles).length > 0;
  const f = d.filters;
  const [words, setWords] = useState(f.q ?? '');
  const search = () => void d.update({ q: words.trim() || undefined });

  return (
    <View id="activity-discover">
      <View className="v-chips">
        <Text id="activity-links-my" className="v-chip" onClick={() => go(VROUTES.mySignups)}>
          我的活动
        </Text>
        <Text id="activity-links-hours" className="v-chip" onClick={() => go(VROUTES.hours)}>
          我的时长与证明
        </Text>
        <Text id="activity-links-teams" className="v-chip" onClick={() => go(VROUTES.teams)}>
          附近团队
        </Text>
        <Text id="activity-links-help" className="v-chip" onClick={() => go(VROUTES.help)}>
          我要求助
        </Text>
        {isTeamAdmin ? (
          <Text id="activity-links-team-admin" className="v-chip v-chip--on" onClick={() => go(VROUTES.teamHome)}>
            团队管理
          </Text>
        ) : null}
      </View>
      <View className="card">
        <View className="v-search" id="activity-search">
          <Input
            id="activity-search-input"
            className="v-search__input"
            type="text"
            confirmType="search"
            placeholder="搜索活动名称或介绍"
            maxlength={VOLUNTEERING_LIMITS.searchMax}
            value={words}
            onInput={(e) => setWords(e.detail.value)}
            onConfirm={search}
          />
          <Button id="activity-search-submit" className="btn btn--primary v-search__btn" size="mini" onClick={search}>
            搜索
          </Button>
        </View>
        <View className="v-chips" id="activity-view">
          {VIEW_OPTIONS.map((o) => (
            <Text
              key={o.key}
              id={`activity-view-${o.key}`}
              className={`v-chip${d.view === o.key ? ' v-chip--on' : ''}`}
              onClick={() => void d.showView(o.key)}
            >
              {o.label}
            </Text>
          ))}
        </View>
        <View className="v-chips" id="activity-sort">
          <Text
            id="activity-sort-time"
            className={`v-chip${f.sort === 'time' ? ' v-chip--on' : ''}`}
            onClick={() => void d.update({ sort: 'time' })}
          >
            最近开始
          </Text>
          <Text
            id="activity-sort-near"
            className={`v-chip${f.sort === 'near' ? ' v-chip--on' : ''}`}
            onClick={() => void d.update({ sort: 'near' })}
          >
            附近
          </Text>
          {loggedIn ? (
            <Text
              id="activity-suitable"
              className={`v-chip${f.suitable ? ' v-chip--on' : ''}`}
              onClick={() => void d.update({ suitable: !f.suitable })}
            >
              适合我
            </Text>
          ) : null}
        </View>
        <View className="v-chips" id="activity-date">
          {DATE_OPTIONS.map((o) => (
            <Text
              key={o.key}
              id={`activity-date-${o.key}`}
              className={`v-chip${f.date === o.key ? ' v-chip--on' : ''}`}
              onClick={() => void d.update({ date: o.key })}
            >
              {o.label}
            </Text>
          ))}
        </View>
        {/* Chips rather than a picker: one tap, and every choice is visible. */}
        <View className="v-chips v-chips--scroll" id="activity-category">
          {CATEGORY_OPTIONS.map((o) => (
            <Text
              key={o.key}
              id={`activity-category-${o.key}`}
              className={`v-chip${(f.category ?? 'all') === o.key ? ' v-chip--on' : ''}`}
              onClick={() => void d.update({ category: o.key === 'all' ? undefined : o.key })}
            >
              {o.label}
            </Text>
          ))}
        </View>
        {f.teamId ? (
          <View className="row" id="activity-team-filter" onClick={() => void d.update({ teamId: undefined })}>
            <Text className="row__label">仅看本团队</Text>
            <Text className="link">清除 ×</Text>
          </View>
        ) : null}
      </View>

      <Notice message={d.error} id="activity-list-error" />
      {d.view === 'map' && d.position ? (
        <NearbyMap position={d.position} items={d.items} onOpen={(id) => go(withQuery(VROUTES.activity, { id }))} />
      ) : null}
      {!d.loading && !d.error && d.items.length === 0 ? (
        <View className="card" id="activity-empty">
          <EmptyState title="暂无符合条件的活动" description="换个筛选条件试试，或稍后再来看看。" />
        </View>
      ) : null}
      {d.loading && !d.error && d.items.length === 0 ? <SkeletonCards id="activity-skeleton" /> : null}
      <View id="activity-list">
        {d.items.map((a) => (
          <ActivityCard key={a.id} activity={a} onOpen={(id) => go(withQuery(VROUTES.activity, { id }))} />
        ))}
      </View>
      {d.more ? (
        <Button id="activity-more" className="btn btn--plain" loading={d.loading} onClick={() => void d.more?.()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
