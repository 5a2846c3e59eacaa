import { Types, type PipelineStage } from 'mongoose';
import type { TAdminNoticeQuery, TNoticeListQuery } from '@shared/schemas/community/notices';
import { Notice, NoticeFile, type NoticeDoc, type NoticeFileDoc } from './model';

export type ListedNotice = NoticeDoc & { mine?: number };

const SUMMARY_FIELDS = { body: 0 } as const;

/** Published and not expired. */
export function activeFilter(now: Date): Record<string, unknown> {
  return { status: 'published', $or: [{ expiresAt: { $exists: false } }, { expiresAt: null }, { expiresAt: { $gt: now } }] };
}

/** Addressed to this community: to it, or to the whole district. */
const forCommunity = (communityId: string) => ({
  $or: [{ communities: { $size: 0 } }, { communities: new Types.ObjectId(communityId) }],
});

/**
 * The residents' list: active notices; with a community, its own (and district-wide) ones first,
 * then the others; within each, urgent, pinned, newest.
 */
export async function listNotices(
  q: TNoticeListQuery,
  communityId: string | null,
  now: Date,
): Promise<{ items: ListedNotice[]; total: number }> {
  const match: Record<string, unknown> = activeFilter(now);
  if (q.category) match.category = q.category;
  const skip = (q.page - 1) * q.pageSize;
  const sort = { urgent: -1, pinned: -1, publishedAt: -1, _id: -1 } as const;
  if (!communityId) {
    const [items, total] = await Promise.all([
      Notice.find(match, SUMMARY_FIELDS).sort(sort).skip(skip).limit(q.pageSize).lean<ListedNotice[]>(),
      Notice.countDocuments(match),
    ]);
    return { items, total };
  }
  // Two reads rather than a computed sort key: both engines serve each from the status index.
  const mineFilter = { $and: [match, forCommunity(communityId)] };
  const othersFilter = { $and: [match, { $nor: [forCommunity(communityId)] }] };
  const [mineTotal, othersTotal] = await Promise.all([Notice.countDocuments(mineFilter), Notice.countDocuments(othersFilter)]);
  const fromMine = skip < mineTotal ? await pageOf(mineFilter, sort, skip, q.pageSize) : [];
  const rest = q.pageSize - fromMine.length;
  const fromOthers = rest > 0 ? await pageOf(othersFilter, sort, Math.max(0, skip - mineTotal), rest) : [];
  return {
    items: [...fromMine.map((n) => ({ ...n, mine: 1 })), ...fromOthers.map((n) => ({ ...n, mine: 0 }))],
    total: mineTotal + othersTotal,
  };
}

const pageOf = (filter: Record<string, unknown>, sort: PipelineStage.Sort['$sort'], skip: number, limit: number) =>
  Notice.find(filter, SUMMARY_FIELDS).sort(sort).skip(skip).limit(limit).lean<ListedNotice[]>();

/** Urgent alerts for the home banner: active, for this community (or all of them when none is known). */
export function activeAlerts(communityId: string | null, now: Date, limit = 3): Promise<ListedNotice[]> {
  const filter = { $and: [activeFilter(now), { urgent: true }, ...(communityId ? [forCommunity(communityId)] : [])] };
  return Notice.find(filter, SUMMARY_FIELDS).sort({ publishedAt: -1, _id: -1 }).limit(limit).lean<ListedNotice[]>().exec();
}

/** The admin list: notices of the communities the admin runs (all for a district admin). */
export async function adminNotices(
  q: TAdminNoticeQuery,
  communityIds: string[] | 'all',
): Promise<{ items: NoticeDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.status) filter.status = q.status;
  if (communityIds !== 'all') filter.communities = { $in: communityIds.map((id) => new Types.ObjectId(id)) };
  const [items, total] = await Promise.all([
    Notice.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<NoticeDoc[]>(),
    Notice.countDocuments(filter),
  ]);
  return { items, total };
}

export const findNotice = (id: string): Promise<NoticeDoc | null> => Notice.findById(id).lean<NoticeDoc>().exec();

export const isVisible = (n: Pick<NoticeDoc, 'status' | 'expiresAt'>, now: Date): boolean =>
  n.status === 'published' && (!n.expiresAt || n.expiresAt > now);

export const findNoticeFile = (id: string): Promise<NoticeFileDoc | null> => NoticeFile.findById(id).lean<NoticeFileDoc>().exec();

/** The notices that show a file (served to their readers), with what deciding visibility needs. */
export const noticesShowingFile = (fileId: Types.ObjectId): Promise<Pick<NoticeDoc, '_id' | 'status' | 'expiresAt' | 'communities'>[]> =>
  Notice.find({ 'attachments.file': fileId }, { status: 1, expiresAt: 1, communities: 1 }).lean<NoticeDoc[]>().exec();
