/** Maps zod issues and API errors to what a form shows: per-field messages and one form message. */
import type { z } from 'zod';
import { ApiError, NETWORK_ERROR_MESSAGE } from './request';

/** Server paths may be prefixed by the request part ("body.name"); forms key on "name". */
export function normalisePath(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export function formErrorsFrom(e: unknown): { fields: Record<string, string>; form: string | null } {
  if (e instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const f of e.fields) {
      const key = normalisePath(f.path);
      if (!(key in fields)) fields[key] = f.message;
    }
    // With field messages the summary still helps on small screens; keep the server's own words.
    return { fields, form: e.message };
  }
  if (e instanceof Error && e.message) return { fields: {}, form: e.message };
  return { fields: {}, form: NETWORK_ERROR_MESSAGE };
}
