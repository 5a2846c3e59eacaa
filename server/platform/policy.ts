import type { Actor } from '../http/actor';
import { AppError } from '../http/errors';

/**
 * Resource policies in one place (as in Outline's policies): each module's
 * `policy.ts` defines, per resource, which actor may do which action, with
 * `definePolicy`. Handlers ask `policy.authorize(actor, 'update', doc)` (403
 * forbidden otherwise) and presenters attach `policy.abilities(actor, doc)` to
 * the DTO, so the client shows only the buttons the user may press. Routes keep
 * their coarse `Policy` (signed in, consent, a role) for 401/403 before input.
 *
 * Two questions, kept apart: *who* may (the rules; `can`/`authorize`), and
 * whether the resource's *state* allows it now (the optional state rules, used
 * only for abilities). A team admin cancelling an already cancelled activity
 * is allowed by the policy and refused by the command (`not_open`), as before;
 * the page simply shows no 取消活动 button.
 */
export type Rule<R> = (actor: Actor | null, resource: R) => boolean | Promise<boolean>;

export type Abilities<A extends string> = Record<A, boolean>;

/** Whether the resource's state allows an action now (a cancelled activity cannot be cancelled again). */
export type StateRule<R> = (resource: R) => boolean;

export interface ResourcePolicy<R, A extends string> {
  readonly resource: string;
  readonly actions: readonly A[];
  /** Who may: the actor's standing towards the resource (its state is the command's to refuse, with its own outcome). */
  can(actor: Actor | null, action: A, resource: R): Promise<boolean>;
  /** Every action → may the actor press it now: `can` and the state rule, for the DTO's `abilities`. */
  abilities(actor: Actor | null, resource: R): Promise<Abilities<A>>;
  /** The edge's check: resolves when allowed, throws 403 `forbidden` otherwise. */
  authorize(actor: Actor | null, action: A, resource: R, message?: string): Promise<void>;
}

export function definePolicy<R, A extends string>(
  resource: string,
  rules: Record<A, Rule<R>>,
  states: Partial<Record<A, StateRule<R>>> = {},
): ResourcePolicy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = async (actor: Actor | null, action: A, r: R): Promise<boolean> => Boolean(await rules[action](actor, r));
  const now = (action: A, r: R): boolean => states[action]?.(r) ?? true;
  return {
    resource,
    actions,
    can,
    async abilities(actor, r) {
      const values = await Promise.all(actions.map(async (a) => now(a, r) && (await can(actor, a, r))));
      return Object.fromEntries(actions.map((a, i) => [a, values[i]])) as Abilities<A>;
    },
    async authorize(actor, action, r, message) {
      if (!(await can(actor, action, r))) throw new AppError('forbidden', message ? { message } : undefined);
    },
  };
}

const memos = new WeakMap<Actor, Map<string, Promise<unknown>>>();

/**
 * Remembers a lookup for one actor object (one request: the actor is built per
 * request), so abilities over a list ask "is this user an admin of team X"
 * once per team, not once per item and action.
 */
export function memoForActor<T>(actor: Actor, key: string, compute: () => Promise<T>): Promise<T> {
  let m = memos.get(actor);
  if (!m) memos.set(actor, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = compute();
    m.set(key, p);
    // A failed lookup is not remembered.
    p.catch(() => m!.delete(key));
  }
  return p;
}

/** Presents each document and attaches the asker's abilities on it (lookups shared through the actor memo). */
export function withAbilities<R, A extends string, D extends object>(
  policy: ResourcePolicy<R, A>,
  actor: Actor | null,
  docs: readonly R[],
  present: (doc: R) => D,
): Promise<(D & { abilities: Abilities<A> })[]> {
  return Promise.all(docs.map(async (d) => ({ ...present(d), abilities: await policy.abilities(actor, d) })));
}
