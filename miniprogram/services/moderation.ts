import type { TOut } from '@shared/schemas/common';
import type { TReviewDecisionInput, ZReviewDecisionDto, ZReviewListDto } from '@shared/schemas/review';
import { http } from './api';

const { request } = http;
const id = encodeURIComponent;

/** The district's one 内容审核 queue (district admins): every registered kind, one list, one decision. */
export const moderationApi = {
  list: (kind?: string) =>
    request<TOut<typeof ZReviewListDto>>({ path: '/api/admin/review', query: { pageSize: 100, ...(kind ? { kind } : {}) } }),
  decide: (kind: string, itemId: string, body: TReviewDecisionInput) =>
    request<TOut<typeof ZReviewDecisionDto>>({ method: 'POST', path: `/api/admin/review/${id(kind)}/${id(itemId)}/decision`, body }),
};
