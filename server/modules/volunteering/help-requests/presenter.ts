import {
  HELP_CATEGORY_LABELS,
  HELP_TO_ACTIVITY_CATEGORY,
  type TActivityDraftDto,
  type THelpRequestDetailDto,
  type THelpRequestDto,
} from '@shared/schemas/volunteering/help-requests';
import type { HelpRequestDoc } from './model';

export function presentHelpRequest(r: HelpRequestDoc): THelpRequestDto {
  return {
    id: String(r._id),
    category: r.category,
    categoryLabel: HELP_CATEGORY_LABELS[r.category],
    description: r.description,
    address: r.address,
    location: r.location ? { lng: r.location.coordinates[0], lat: r.location.coordinates[1] } : null,
    neededAt: r.neededAt.toISOString(),
    status: r.status,
    takenBy: r.takenBy ? { teamId: String(r.takenBy.team), teamName: r.takenBy.teamName } : null,
    activityId: r.activity ? String(r.activity) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function presentHelpRequestDetail(r: HelpRequestDoc): THelpRequestDetailDto {
  return {
    ...presentHelpRequest(r),
    authorId: String(r.author),
    contentFlag: r.contentFlag,
    review: r.review ? { decision: r.review.decision, reason: r.review.reason, at: r.review.at.toISOString() } : null,
  };
}

export function presentActivityDraft(r: HelpRequestDoc): TActivityDraftDto {
  return {
    title: `${HELP_CATEGORY_LABELS[r.category]}：${r.description.slice(0, 20)}`,
    description: r.description,
    address: r.address,
    location: r.location ? { lng: r.location.coordinates[0], lat: r.location.coordinates[1] } : null,
    category: HELP_TO_ACTIVITY_CATEGORY[r.category],
    neededAt: r.neededAt.toISOString(),
    helpRequestId: String(r._id),
  };
}
