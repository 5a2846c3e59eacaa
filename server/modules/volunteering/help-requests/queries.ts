import type { TPagination } from '@shared/schemas/common';
import { HelpRequest, type HelpRequestDoc } from './model';

/** Read paths of help requests (no writes). */

export const findHelpRequest = (id: string): Promise<HelpRequestDoc | null> =>
  HelpRequest.findById(id).lean<HelpRequestDoc>().exec();

/** One page of requests matching the filter, latest first. */
export async function helpRequestPage(
  filter: Record<string, unknown>,
  q: TPagination,
): Promise<{ items: HelpRequestDoc[]; total: number }> {
  const [items, total] = await Promise.all([
    HelpRequest.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<HelpRequestDoc[]>(),
    HelpRequest.countDocuments(filter),
  ]);
  return { items, total };
}
