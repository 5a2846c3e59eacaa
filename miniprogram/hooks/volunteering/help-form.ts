import { ZCreateHelpRequest } from '@shared/schemas/volunteering/help-requests';

/**
 * The first problem the shared schema finds in a help request, before it is sent: the
 * server runs the same schema, so the resident learns it without a round trip.
 */
export function helpRequestProblem(input: unknown): string | null {
  const r = ZCreateHelpRequest.safeParse(input);
  return r.success ? null : (r.error.issues[0]?.message ?? null);
}
