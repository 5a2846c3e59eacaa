import { NOTICE_CATEGORY_LABELS, NOTICE_STATUS_LABELS, type TNoticeDetail, type TNoticeSummary } from '@shared/schemas/community/notices';
import type { Abilities } from '../../../platform/policy';
import type { NoticeDoc } from './model';

const EXCERPT_CHARS = 80;

/** Community id → name, for the audience line. */
export type CommunityNames = Map<string, string>;

const excerpt = (text: string) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);

export function presentNoticeSummary(
  n: Omit<NoticeDoc, 'body'> & { mine?: number },
  names: CommunityNames,
  myCommunity: string | null,
): TNoticeSummary {
  const ids = n.communities.map(String);
  return {
    id: String(n._id),
    title: n.title,
    category: n.category,
    categoryLabel: NOTICE_CATEGORY_LABELS[n.category],
    pinned: n.pinned,
    urgent: n.urgent,
    forMyCommunity: n.mine !== undefined ? n.mine === 1 : myCommunity !== null && (ids.length === 0 || ids.includes(myCommunity)),
    communityNames: ids.length ? ids.map((id) => names.get(id) ?? '').filter(Boolean) : ['全区'],
    publishedAt: n.publishedAt?.toISOString() ?? null,
    expiresAt: n.expiresAt?.toISOString() ?? null,
    readCount: n.readCount,
    excerpt: excerpt(n.text),
  };
}

export function presentNoticeDetail(
  n: NoticeDoc,
  names: CommunityNames,
  myCommunity: string | null,
  abilities: Abilities<'update' | 'withdraw'>,
): TNoticeDetail {
  return {
    ...presentNoticeSummary(n, names, myCommunity),
    body: n.body,
    attachments: n.attachments.map((a) => ({ name: a.name, url: a.url })),
    status: n.status,
    statusLabel: NOTICE_STATUS_LABELS[n.status],
    communityIds: n.communities.map(String),
    abilities,
  };
}
