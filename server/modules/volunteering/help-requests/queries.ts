import type { TPagination } from '@shared/schemas/common';
import { findPage } from '../../../platform/paging';
import { HelpRequest, type HelpRequestDoc } from './model';

/** Read paths of help requests (no writes). */

export const findHelpRequest = (id: string): Promise<HelpRequestDoc | null> =>
  HelpRequest.findById(id).lean<HelpRequestDoc>().exec();

/** One page of requests matching the filter, latest first. */
export async function helpRequestPage(
  filter: Record<string, unknown>,
  q: TPagination,
): Promise<{ items: HelpRequestDoc[]; total: number }> {
  return findPage<HelpRequestDoc>(HelpRequest, filter, { createdAt: -1, _id: -1 }, q);
}
