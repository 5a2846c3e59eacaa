/** `{ outcome: 'a' } | { outcome: 'b' }` from `'a' | 'b'`, so each refusal narrows on its own. */
export type Refusal<K extends string> = K extends string ? { outcome: K } : never;
