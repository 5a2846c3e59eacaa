/**
 * Collation on `Intl.Collator` (Node's ICU, the library MongoDB uses too): `{locale: 'zh'}` sorts
 * Chinese by pinyin. Honoured: `locale` (any locale Intl supports, or 'simple'), `strength` 1–3,
 * `caseLevel` (with strength 1), `caseFirst`, `numericOrdering`, `alternate: 'non-ignorable'`,
 * `backwards: false`, `normalization`. Anything else (strength 4/5, `alternate: 'shifted'`,
 * `maxVariable`, `backwards: true`) is refused with 2 BadValue rather than ignored.
 *
 * The active collation is a module-level setting that `compareValues` reads for strings: a query
 * sets it only around its filter and sort (`withCollation`), and an index with a collation sets
 * its own around every index operation.
 */
import { err } from './errors';
import { setStringCompare } from './values';
import type { Doc } from './values';

export interface Collation {
  /** The full spec, as listIndexes reports it. */
  spec: Doc;
  compare: (a: string, b: string) => number;
  /** Equal specs give equal keys (an index serves a query only with the same collation). */
  key: string;
}

const FIELDS = new Set(['locale', 'strength', 'caseLevel', 'caseFirst', 'numericOrdering', 'alternate', 'maxVariable', 'backwards', 'normalization', 'version']);
const unsupported = (what: string) => err(2, `collation ${what} is not supported by the embedded engine`);

/** null for no collation or `{locale: 'simple'}` (binary comparison of strings). */
export function parseCollation(v: unknown): Collation | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw err(14, "BSON field 'collation' is the wrong type, expected type 'object'");
  const c = v as Doc;
  for (const k of Object.keys(c)) if (!FIELDS.has(k)) throw err(40415, `BSON field 'collation.${k}' is an unknown field.`);
  if (typeof c.locale !== 'string') throw err(40414, "BSON field 'collation.locale' is missing but a required field");
  if (c.locale === 'simple') {
    if (Object.keys(c).length > 1) throw err(2, 'If "locale" is set to "simple", then no other fields may be specified');
    return null;
  }
  if (!Intl.Collator.supportedLocalesOf([c.locale]).length) throw err(2, `Field 'locale' is invalid in: { locale: "${c.locale}" }`);
  const strength = c.strength === undefined ? 3 : Number(c.strength);
  if (![1, 2, 3, 4, 5].includes(strength)) throw err(2, `Field 'strength' must be an integer 1 through 5. Got: ${String(c.strength)}`);
  if (strength > 3) throw unsupported(`strength ${strength}`);
  const caseLevel = c.caseLevel === true;
  if (caseLevel && strength === 2) throw unsupported('caseLevel with strength 2');
  const caseFirst = c.caseFirst === undefined ? 'off' : String(c.caseFirst);
  if (!['upper', 'lower', 'off'].includes(caseFirst)) throw err(2, `Field 'caseFirst' must be 'upper', 'lower' or 'off'. Got: ${caseFirst}`);
  const alternate = c.alternate === undefined ? 'non-ignorable' : String(c.alternate);
  if (alternate !== 'non-ignorable') throw unsupported(`alternate '${alternate}'`);
  if (c.maxVariable !== undefined && c.maxVariable !== 'punct') throw unsupported('maxVariable');
  if (c.backwards === true) throw unsupported('backwards');
  const spec: Doc = {
    locale: c.locale,
    caseLevel,
    caseFirst,
    strength,
    numericOrdering: c.numericOrdering === true,
    alternate,
    maxVariable: 'punct',
    normalization: c.normalization === true,
    backwards: false,
    version: '57.1',
  };
  const sensitivity = strength === 1 ? (caseLevel ? 'case' : 'base') : strength === 2 ? 'accent' : 'variant';
  const collator = new Intl.Collator(c.locale, {
    sensitivity,
    numeric: spec.numericOrdering as boolean,
    caseFirst: caseFirst === 'off' ? 'false' : (caseFirst as 'upper' | 'lower'),
    usage: 'sort',
  });
  return { spec, compare: collator.compare, key: JSON.stringify(spec) };
}

let active: Collation | null = null;

/** Runs `fn` with string comparisons following `c` (null: binary, MongoDB's simple collation). */
export function withCollation<T>(c: Collation | null, fn: () => T): T {
  const prev = active;
  if (prev === c) return fn();
  active = c;
  setStringCompare(c ? c.compare : null);
  try {
    return fn();
  } finally {
    active = prev;
    setStringCompare(prev ? prev.compare : null);
  }
}

export const activeCollation = (): Collation | null => active;
