import type { TActivityDraftDto } from '@shared/schemas/volunteering/help-requests';

/**
 * The activity draft a team gets when it takes up a help request, handed from the
 * team home page to the publish page within one app run (not persisted: if lost,
 * the form simply starts empty and the request stays "taken").
 */
let pending: TActivityDraftDto | null = null;

export function rememberHelpDraft(d: TActivityDraftDto): void {
  pending = d;
}

export function takeHelpDraft(helpId: string): TActivityDraftDto | null {
  const d = pending && pending.helpRequestId === helpId ? pending : null;
  pending = null;
  return d;
}
