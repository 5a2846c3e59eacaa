/**
 * Every error id the client switches on or raises must be one of shared/errors.ts
 * (server ids plus the client's own). The type of ApiError.code already makes a wrong id a
 * type error; this scan also catches ids written where the type is lost (casts, `as`,
 * plain strings compared with `.code`), like the `not_volunteer` that never matched the
 * server's `volunteer_required`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ERRORS, ERRORS, isKnownErrorCode } from './errors';

const CLIENT_ROOT = path.resolve(__dirname, '../miniprogram');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** Error ids used in one source text: compared with a `.code`/`errorCode`, or given to `new ApiError(…, '<id>'`. */
export function errorIdsUsedIn(text: string): string[] {
  const ids: string[] = [];
  const patterns = [
    /(?<!typeof\s+[\w.?]*)\b(?:code|errorCode)\s*[!=]==?\s*'([a-z0-9_]+)'/g,
    /'([a-z0-9_]+)'\s*[!=]==?\s*[\w.?]*\b(?:code|errorCode)\b/g,
    /new ApiError\(\s*[^,]+,\s*'([a-z0-9_]+)'/g,
    /\b(?:code|errorCode)\s*:\s*'([a-z0-9_]+)'/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) ids.push(m[1]);
  return ids;
}

describe('error ids used by the client', () => {
  it('when the scanner reads a request that handles an unknown id, it reports that id', () => {
    const used = errorIdsUsedIn(
      "if (typeof e.code === 'string' && action.errorCode === 'not_volunteer') go(x); throw new ApiError(0, 'made_up', 'x');",
    );
    expect(used).toEqual(['not_volunteer', 'made_up']);
    expect(used.filter((id) => !isKnownErrorCode(id))).toEqual(['not_volunteer', 'made_up']);
  });

  it('when every page, hook and service is scanned, each id it handles or raises is in shared/errors.ts', () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of sourceFiles(CLIENT_ROOT)) {
      for (const id of errorIdsUsedIn(readFileSync(file, 'utf8'))) {
        seen++;
        if (!isKnownErrorCode(id)) unknown.push(`${path.relative(CLIENT_ROOT, file)}: ${id}`);
      }
    }
    // The client does handle ids (consent, registration, uploads): a scan that finds none is broken.
    expect(seen).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('when the client makes up an id of its own, it does not shadow a server id', () => {
    const clash = Object.keys(CLIENT_ERRORS).filter((id) => id in ERRORS);
    expect(clash).toEqual([]);
  });
});
