import {
  NOTICE_CATEGORY_LABELS,
  NOTICE_STATUS_LABELS,
  type TNoticeDetail,
  type TNoticeFileDto,
  type TNoticeSummary,
} from '@shared/schemas/community/notices';
import type { Abilities } from '../../../platform/policy';
import type { NoticeAttachment, NoticeDoc, NoticeFileDoc } from './model';

const EXCERPT_CHARS = 80;

export const noticeFileUrl = (id: unknown, thumb = false): string => `/api/notice-files/${String(id)}${thumb ? '?size=thumb' : ''}`;

export function presentNoticeFile(f: NoticeFileDoc): TNoticeFileDto {
  return {
    id: String(f._id),
    kind: f.kind,
    name: f.name,
    mime: f.mime,
    bytes: f.bytes,
    url: noticeFileUrl(f._id),
    thumbUrl: f.kind === 'image' ? noticeFileUrl(f._id, true) : null,
  };
}

function presentAttachment(a: NoticeAttachment): TNoticeDetail['attachments'][number] {
  if (!a.file) return { name: a.name, kind: 'link', url: a.url ?? '', thumbUrl: null, fileId: null, bytes: null };
  const kind = a.kind === 'image' ? 'image' : 'document';
  return { name: a.name, kind, url: noticeFileUrl(a.file), thumbUrl: kind === 'image' ? noticeFileUrl(a.file, true) : null, fileId: String(a.file), bytes: a.bytes ?? null };
}

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
    attachments: n.attachments.map(presentAttachment),
    // Only edits after publishing count as 已修改 (a held notice edited before approval is not).
    editedAt: n.editedAt && n.publishedAt && n.editedAt > n.publishedAt ? n.editedAt.toISOString() : null,
    status: n.status,
    statusLabel: NOTICE_STATUS_LABELS[n.status],
    communityIds: n.communities.map(String),
    abilities,
  };
}
