/**
 * Outcome basics shared by every module's commands. A command returns a named
 * outcome (`{ outcome: 'signed_up', ... } | Refusal<'full' | 'closed'>`) and the
 * edge maps it to HTTP; the named-outcome style itself is described in
 * ARCHITECTURE.md. Lives in the platform so no module imports another's types
 * just to say "refused".
 */

/** `{ outcome: 'a' } | { outcome: 'b' }` from `'a' | 'b'`, so each refusal narrows on its own. */
export type Refusal<K extends string> = K extends string ? { outcome: K } : never;
