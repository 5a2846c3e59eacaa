import type { TActivityDetailDto } from '@shared/schemas/volunteering/activities';
import type { THeldNoteDto } from '@shared/schemas/volunteering/signups';
import type { TModerationDecisionInput } from '@shared/schemas/volunteering/common';
import { http } from './api';
import type { TPage } from './types';

const { request } = http;
const id = encodeURIComponent;

/** A volunteer intro held by the content check (GET /api/admin/volunteer-intros). */
export interface THeldIntro {
  userId: string;
  volunteerNo: string;
  nameMasked: string;
  intro: string;
  heldIntro: string;
  heldAt: string | null;
}

/** The district's 内容审核 queues and their decisions (district admins). */
export const moderationApi = {
  activities: () =>
    request<TPage<TActivityDetailDto>>({ path: '/api/admin/activity-moderation', query: { pageSize: 100 } }),
  decideActivity: (activityId: string, body: TModerationDecisionInput) =>
    request<unknown>({ method: 'POST', path: `/api/admin/activities/${id(activityId)}/moderation`, body }),
  intros: () => request<TPage<THeldIntro>>({ path: '/api/admin/volunteer-intros', query: { pageSize: 100 } }),
  decideIntro: (userId: string, body: TModerationDecisionInput) =>
    request<unknown>({ method: 'POST', path: `/api/admin/volunteers/${id(userId)}/intro-moderation`, body }),
  notes: () => request<TPage<THeldNoteDto>>({ path: '/api/admin/signup-notes', query: { pageSize: 100 } }),
  decideNote: (signupId: string, body: TModerationDecisionInput) =>
    request<unknown>({ method: 'POST', path: `/api/admin/signups/${id(signupId)}/note-moderation`, body }),
};
