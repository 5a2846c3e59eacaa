import { Types } from 'mongoose';
import type { TCreateHelpRequest } from '@shared/schemas/volunteering/help-requests';
import type { AppDeps } from '../../../../deps';
import type { TFieldError } from '@shared/errors';
import type { Refusal } from '../../../../platform/outcome';
import { checkText } from '../../../content';
import { findContact } from '../../../users';
import { HelpRequest, type HelpRequestDoc } from '../model';

/**
 * A resident posts a need. It is never public straight away: a district or team admin
 * reviews every request (people's home situations are sensitive), and the text also goes
 * through msg_sec_check — risky text is refused (422), flagged text is marked for the reviewer.
 */
export async function postHelpRequest(
  deps: AppDeps,
  userId: string,
  input: TCreateHelpRequest,
): Promise<
  | { outcome: 'submitted'; request: HelpRequestDoc }
  | Refusal<'needed_in_past' | 'needed_too_late'>
  | { outcome: 'content_risky'; fields: TFieldError[] }
> {
  const now = deps.now();
  if (input.neededAt.getTime() < now.getTime() - 60_000) return { outcome: 'needed_in_past' };
  if (input.neededAt.getTime() > now.getTime() + 366 * 86_400_000) return { outcome: 'needed_too_late' };
  const author = await findContact(userId);
  const verdict = await checkText(deps, {
    openid: author?.openid,
    scene: 'forum',
    fields: { description: input.description, address: input.address },
  });
  if (verdict.outcome === 'content_risky') return verdict;
  const created = await HelpRequest.create({
    author: new Types.ObjectId(userId),
    category: input.category,
    description: input.description,
    address: input.address,
    location: input.location ? { type: 'Point', coordinates: [input.location.lng, input.location.lat] } : undefined,
    neededAt: input.neededAt,
    status: 'pending_review',
    contentFlag: verdict.outcome,
  });
  return { outcome: 'submitted', request: created.toObject() };
}
