import type { AppDeps } from '../../deps';
import type { TFieldError } from '@shared/errors';
import type { RefusalAnswer } from '../../http/refusals';
import { staffKeywordHits } from './staff-keywords';
import { MSG_SEC_CHECK_MAX_CHARS, WechatError, type SecScene, type SecSuggest } from '../../wechat';

/** msg_sec_check scenes by name: 1 profile, 2 comment, 3 forum post, 4 social log. */
export const SCENES = { profile: 1, comment: 2, forum: 3, social_log: 4 } as const satisfies Record<string, SecScene>;
export type TSceneName = keyof typeof SCENES;

export interface CheckTextInput {
  /** The author's openid (msg_sec_check v2 judges content in the context of its author). */
  openid?: string;
  /** Texts to check without a field path... */
  texts?: string[];
  /** ...or texts by field path, so a risky field is reported at its path. */
  fields?: Record<string, string | undefined>;
  scene: TSceneName | SecScene;
}

export type TCheckOutcome = 'pass' | 'review';

/** The check's verdict: pass, hold for review, or refused as risky at the fields named (may be none). */
export type TTextVerdict = { outcome: TCheckOutcome } | { outcome: 'content_risky'; fields: TFieldError[] };

/** How the edge answers a risky verdict: 422 content_risky, at its fields when known. */
export const contentRiskyAnswer = (r: { fields: TFieldError[] }): RefusalAnswer => ({
  code: 'content_risky',
  ...(r.fields.length ? { fields: r.fields } : {}),
});

const RANK: Record<SecSuggest, number> = { pass: 0, review: 1, risky: 2 };

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += MSG_SEC_CHECK_MAX_CHARS) out.push(text.slice(i, i + MSG_SEC_CHECK_MAX_CHARS));
  return out;
}

/**
 * Runs user-generated text through WeChat's msg_sec_check.
 * - risky → `content_risky` with the field paths when known (the edge answers 422 with
 *   contentRiskyAnswer);
 * - review → 'review': the caller stores the content held for moderation;
 * - pass → 'pass'.
 * When WeChat cannot be asked (down, misconfigured) we fail towards moderation
 * ('review') rather than refusing the user or publishing unchecked text.
 * Authors without an openid (staff accounts on H5) cannot be checked by v2: their text is
 * matched against the configured staff word list instead, and a hit returns 'review' so the
 * caller holds it for the 内容审核 queue (staff-keywords.ts).
 */
export async function checkText(deps: AppDeps, input: CheckTextInput): Promise<TTextVerdict> {
  const scene: SecScene = typeof input.scene === 'number' ? input.scene : SCENES[input.scene];
  const entries: [string | undefined, string][] = [
    ...(input.texts ?? []).map((t): [undefined, string] => [undefined, t]),
    ...Object.entries(input.fields ?? {}).map(([p, t]): [string, string] => [p, t ?? '']),
  ].filter(([, t]) => t.trim().length > 0);
  if (entries.length === 0) return { outcome: 'pass' };
  if (!input.openid) {
    const hits = staffKeywordHits(
      deps.config.STAFF_CONTENT_KEYWORDS,
      Object.fromEntries(entries.map(([p, t], i) => [p ?? `text${i}`, t])),
    );
    if (hits.length) deps.logger.info({ hits }, 'staff text matches the content word list: held for review');
    return { outcome: hits.length ? 'review' : 'pass' };
  }

  let worst: SecSuggest = 'pass';
  const riskyPaths: string[] = [];
  for (const [path, text] of entries) {
    for (const piece of chunks(text)) {
      let suggest: SecSuggest;
      try {
        suggest = (await deps.wechat.msgSecCheck({ openid: input.openid, content: piece, scene })).suggest;
      } catch (err) {
        if (!(err instanceof WechatError)) throw err;
        deps.logger.warn({ err, kind: err.kind }, 'msg_sec_check unavailable: holding content for review');
        suggest = 'review';
      }
      if (suggest === 'risky' && path) riskyPaths.push(path);
      if (RANK[suggest] > RANK[worst]) worst = suggest;
      if (suggest === 'risky') break;
    }
  }
  if (worst === 'risky') {
    return { outcome: 'content_risky', fields: riskyPaths.map((p) => ({ path: p, message: '该内容包含违规信息' })) };
  }
  return { outcome: worst };
}
