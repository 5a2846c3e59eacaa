import type { Actor } from '../http/actor';
import { AppError } from '../http/errors';

/**
 * Resource policies in one place (as in Outline's policies): each module's
 * `policy.ts` defines, per resource, which actor may do which action, with
 * `definePolicy`. Handlers ask `policy.authorize(actor, 'update', doc)` (403
 * forbidden otherwise) and presenters attach `policy.abilities(actor, doc)` to
 * the DTO, so the client shows only the buttons the user may press. Routes keep
 * their coarse `Policy` (signed in, consent, a role) for 401/403 before input.
 */
export type Rule<R> = (actor: Actor | null, resource: R) => boolean | Promise<boolean>;

export type Abilities<A extends string> = Record<A, boolean>;

export interface ResourcePolicy<R, A extends string> {
  readonly resource: string;
  readonly actions: readonly A[];
  can(actor: Actor | null, action: A, resource: R): Promise<boolean>;
  /** Every action (or the listed ones) → allowed, for the DTO's `abilities`. */
  abilities(actor: Actor | null, resource: R): Promise<Abilities<A>>;
  /** The edge's check: resolves when allowed, throws 403 `forbidden` otherwise. */
  authorize(actor: Actor | null, action: A, resource: R, message?: string): Promise<void>;
}

export function definePolicy<R, A extends string>(resource: string, rules: Record<A, Rule<R>>): ResourcePolicy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = async (actor: Actor | null, action: A, r: R): Promise<boolean> => Boolean(await rules[action](actor, r));
  return {
    resource,
    actions,
    can,
    async abilities(actor, r) {
      const values = await Promise.all(actions.map((a) => can(actor, a, r)));
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
