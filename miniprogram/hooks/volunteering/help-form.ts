import { ZCreateHelpRequest } from '@shared/schemas/volunteering/help-requests';
import { zodFieldErrors } from '../../services/form-errors';
import { shanghaiToIso } from './labels';

export interface THelpDraft {
  category: string;
  description: string;
  address: string;
  date: string;
  time: string;
  location?: { lng: number; lat: number };
}

/** The form shows the time of need under its date picker (the API calls it neededAt). */
const FIELD_OF: Record<string, string> = { neededAt: 'date' };
export const helpField = (path: string): string => FIELD_OF[path] ?? path;

/**
 * The help request's body and every problem the shared schema finds in it, keyed by the form's
 * fields, before it is sent: the server runs the same schema, so the resident sees them all at once.
 */
export function checkHelpDraft(d: THelpDraft): { body: Record<string, unknown>; errors: Record<string, string> } {
  const neededAt = d.date && d.time ? shanghaiToIso(d.date, d.time) : null;
  const body = { category: d.category, description: d.description, address: d.address, location: d.location, neededAt };
  const errors: Record<string, string> = {};
  const r = ZCreateHelpRequest.safeParse(body);
  if (!r.success) for (const [k, m] of Object.entries(zodFieldErrors(r.error))) errors[helpField(k)] ??= m;
  if (!d.date) errors.date = '请选择需要帮助的日期';
  if (!d.time) errors.time = '请选择需要帮助的时间';
  return { body, errors };
}

/** The first problem the shared schema finds (kept for callers that show one message). */
export function helpRequestProblem(input: unknown): string | null {
  const r = ZCreateHelpRequest.safeParse(input);
  return r.success ? null : (r.error.issues[0]?.message ?? null);
}
