/**
 * BSON value helpers. Stored documents keep their BSON types (int32 as JS numbers, which serialize
 * back as int32; integral doubles, int64 and Decimal128 as wrappers) so a round trip preserves
 * them; mingo needs plain JS numbers, so queries run on a "plain" view. After a mingo update the typed document is rebuilt from the plain result.
 */
import { Binary, DBRef, Decimal128, Double, Int32, Long, ObjectId, Timestamp, MinKey, MaxKey, BSONRegExp } from 'bson';

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets an own key. A stored field may be named `__proto__` (the BSON decoder keeps it as an own
 * key); plain assignment would set the object's prototype instead, so that key is defined.
 */
export function setOwn<T>(obj: Doc, key: string, value: T): T {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
  return value;
}

/** An own key's value (never the prototype through `__proto__`). */
export const ownValue = (obj: Doc, key: string): unknown => (key === '__proto__' ? (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined) : obj[key]);

export function isNumberLike(v: unknown): boolean {
  return typeof v === 'number' || v instanceof Int32 || v instanceof Double || v instanceof Long || v instanceof Decimal128;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Int32 || v instanceof Double) return v.value;
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}

/** Plain view for mingo: numeric wrappers become JS numbers, everything else is shared by reference. */
export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) if (k === '__proto__') setOwn(out, k, toPlain(v[k]));
    else out[k] = toPlain(v[k]);
    return out;
  }
  if (isNumberLike(v)) return toNumber(v);
  // queries reach into a DBRef's fields (`owner.$id`, `$elemMatch: {$ref, $id}`)
  if (v instanceof DBRef) return toPlain(v.toJSON());
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, v.options.replace(/[^gimsuy]/g, ''));
  return v;
}

/** Deep copy of a plain view (containers only; leaf objects are immutable values). */
export function clonePlain<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clonePlain) as unknown as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) if (k === '__proto__') setOwn(out, k, clonePlain(v[k]));
    else out[k] = clonePlain(v[k]);
    return out as T;
  }
  return v;
}

const isInt32 = (n: number) => Number.isInteger(n) && n <= 2147483647 && n >= -2147483648 && !Object.is(n, -0);

/**
 * A number with the BSON type `like` suggests. A plain JS number already serializes as int32 when
 * it is an int32 and as a double when fractional; wrappers are kept only where that would be wrong.
 */
function typedNumber(n: number, like: unknown): unknown {
  if (like instanceof Double) return Number.isInteger(n) ? new Double(n) : n;
  if (like instanceof Long) return Number.isInteger(n) ? Long.fromNumber(n) : n;
  if (like instanceof Decimal128) return Decimal128.fromString(String(n));
  if (!Number.isInteger(n) || isInt32(n) || Object.is(n, -0)) return n;
  return Number.isSafeInteger(n) ? Long.fromNumber(n) : new Double(n);
}

/**
 * The stored form of a document: int32 wrappers become JS numbers and fractional doubles too (both
 * serialize back to the same BSON type); integral doubles, int64 and Decimal128 keep their wrapper.
 * Fewer objects per document means less memory and cheaper comparisons.
 */
export function toStored<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Int32) return v.value as T;
  if (v instanceof Double) return (Number.isInteger(v.value) ? v : v.value) as T;
  if (Array.isArray(v)) return v.map(toStored) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) if (k === '__proto__') setOwn(out, k, toStored(v[k]));
    else out[k] = toStored(v[k]);
    return out as T;
  }
  return v;
}

/**
 * Rebuild a typed value from a plain one. `prev` is the typed value at the same path before the
 * update, or the update's operand where the update assigns that path (`overrides`). Unchanged
 * numbers keep their type; computed ones keep the previous type (int stays int unless it overflows
 * or turns fractional, as MongoDB arithmetic does); new numbers take the type of an operand with
 * the same value (`hints`), else int32/double.
 */
export function restoreTyped(plain: unknown, prev: unknown, hints: Map<number, unknown>, overrides?: Map<string, unknown>, path = ''): unknown {
  if (typeof plain === 'number') {
    if (isNumberLike(prev)) return toNumber(prev) === plain ? prev : typedNumber(plain, prev);
    const hint = hints.get(plain);
    return hint !== undefined ? hint : typedNumber(plain, undefined);
  }
  if (plain === null || typeof plain !== 'object') return plain;
  // same bytes but another subtype: mingo's $set saw no change, the assigned operand (prev) wins
  if (plain instanceof Binary && prev instanceof Binary) return compareValues(plain, prev) === 0 || plain.sub_type !== prev.sub_type ? prev : plain;
  const child = (k: string | number, p: unknown): unknown => {
    if (!overrides) return p;
    const full = path ? `${path}.${k}` : String(k);
    return overrides.has(full) ? overrides.get(full) : p;
  };
  const sub = (k: string | number) => (overrides ? (path ? `${path}.${k}` : String(k)) : '');
  if (Array.isArray(plain)) {
    const p = Array.isArray(prev) ? prev : [];
    return plain.map((x, i) => restoreTyped(x, child(i, p[i]), hints, overrides, sub(i)));
  }
  if (isPlainObject(plain)) {
    const p = isPlainObject(prev) ? prev : {};
    const out: Doc = {};
    for (const k of Object.keys(plain)) setOwn(out, k, restoreTyped(plain[k], child(k, ownValue(p, k)), hints, overrides, sub(k)));
    return out;
  }
  return plain;
}

/** Paths an operator update assigns outright, with the typed operand (for restoreTyped). */
export function assignedPaths(update: Doc, inserting: boolean): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const op of inserting ? ['$setOnInsert', '$set'] : ['$set']) {
    const spec = update[op];
    if (isPlainObject(spec)) for (const [p, v] of Object.entries(spec)) if (!p.includes('$')) out.set(p, v);
  }
  return out;
}

/** Every typed number found in an update document, by value, so $set/$push keep their BSON type. */
export function numberHints(v: unknown, into = new Map<number, unknown>()): Map<number, unknown> {
  if (isNumberLike(v) && typeof v !== 'number') into.set(toNumber(v), v);
  else if (Array.isArray(v)) v.forEach((x) => numberHints(x, into));
  else if (isPlainObject(v)) for (const k of Object.keys(v)) numberHints(v[k], into);
  return into;
}

/** MongoDB's cross-type sort order. Missing and undefined sort with null. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  if (v instanceof MinKey) return 1;
  if (v instanceof MaxKey) return 13;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (isNumberLike(v)) return 3;
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof ObjectId) return 8;
  if (v instanceof Binary || Buffer.isBuffer(v) || v instanceof Uint8Array) return 7;
  if (v instanceof Timestamp) return 11;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 12;
  return 5;
}

/** String order of the active collation (collation.ts), or null for binary (simple) order. */
let stringCompare: ((a: string, b: string) => number) | null = null;

export function setStringCompare(f: ((a: string, b: string) => number) | null): void {
  stringCompare = f;
}

/** Strings compare by their code units (no collation active): equal strings are identical. */
export const binaryStringOrder = (): boolean => stringCompare === null;

function cmpPrim<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function binBytes(v: unknown): Uint8Array {
  if (v instanceof Binary) return v.buffer.subarray(0, v.position);
  return v as Uint8Array;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3: {
      if (a instanceof Long && b instanceof Long) return a.compare(b);
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmpPrim(x, y);
    }
    case 4:
      return stringCompare ? Math.sign(stringCompare(a as string, b as string)) : cmpPrim(a as string, b as string);
    case 5: {
      const ka = Object.keys(a as Doc);
      const kb = Object.keys(b as Doc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const va = (a as Doc)[ka[i]];
        const vb = (b as Doc)[kb[i]];
        const t = typeRank(va) - typeRank(vb);
        if (t) return t;
        const n = cmpPrim(ka[i], kb[i]);
        if (n) return n;
        const c = compareValues(va, vb);
        if (c) return c;
      }
      return ka.length - kb.length;
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c) return c;
      }
      return xa.length - xb.length;
    }
    case 7: {
      const x = binBytes(a);
      const y = binBytes(b);
      if (x.length !== y.length) return x.length - y.length;
      const sa = a instanceof Binary ? a.sub_type : 0;
      const sb = b instanceof Binary ? b.sub_type : 0;
      if (sa !== sb) return sa - sb;
      return Buffer.compare(Buffer.from(x), Buffer.from(y));
    }
    case 8:
      return cmpPrim((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return cmpPrim(Number(a), Number(b));
    case 10:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return cmpPrim(String(a), String(b));
    default:
      return 0;
  }
}

/** Values reached by a dotted path, expanding arrays like MongoDB does for indexes and sorts. */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(cur: unknown, parts: string[], i: number, out: unknown[]): void {
  if (cur instanceof DBRef && i < parts.length) cur = cur.toJSON();
  if (i === parts.length) {
    if (Array.isArray(cur)) {
      if (cur.length === 0) out.push(undefined);
      else for (const x of cur) out.push(x);
    } else out.push(cur);
    return;
  }
  if (Array.isArray(cur)) {
    const idx = /^\d+$/.test(parts[i]) ? Number(parts[i]) : -1;
    if (idx >= 0 && idx < cur.length) collect(cur[idx], parts, i + 1, out);
    else for (const el of cur) if (el !== null && typeof el === 'object') collect(el, parts, i, out);
    return;
  }
  if (cur === null || typeof cur !== 'object' || !isPlainObject(cur)) {
    out.push(undefined);
    return;
  }
  collect((cur as Doc)[parts[i]], parts, i + 1, out);
}

/** Key used for the primary (_id) map: values that MongoDB treats as equal map to the same key. */
export function idKey(v: unknown): string {
  if (v instanceof ObjectId) return 'o' + v.toHexString();
  if (typeof v === 'string') return 's' + v;
  if (isNumberLike(v)) return 'n' + toNumber(v);
  if (v instanceof Date) return 'd' + v.getTime();
  if (v === null || v === undefined) return 'z';
  if (typeof v === 'boolean') return 'b' + v;
  if (v instanceof Binary) return 'B' + v.sub_type + Buffer.from(binBytes(v)).toString('hex');
  return 'j' + JSON.stringify(toPlain(v));
}

/**
 * Stable sort by a MongoDB sort spec. With `top` (skip + limit) only the first `top` items are
 * kept, selected in one pass, so `sort().limit()` over a large match set avoids a full sort.
 */
export function sortDocs<T>(items: T[], sort: Doc, get: (x: T) => unknown, top = Infinity): T[] {
  const keys = Object.keys(sort);
  if (!keys.length) return items;
  const dirs = keys.map((k) => (toNumber(sort[k]) < 0 ? -1 : 1));
  type D = { item: T; k: unknown[]; n: number };
  const cmp = (x: D, y: D): number => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(x.k[i], y.k[i]);
      if (c) return c * dirs[i];
    }
    return x.n - y.n;
  };
  const decorate = (item: T, n: number): D => ({ item, k: keys.map((path, i) => sortKey(get(item), path, dirs[i])), n });
  if (top >= items.length) {
    const decorated = items.map(decorate);
    decorated.sort(cmp);
    return decorated.map((d) => d.item);
  }
  const best: D[] = [];
  for (let n = 0; n < items.length; n++) {
    const d = decorate(items[n], n);
    if (best.length >= top && cmp(d, best[best.length - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(best[mid], d) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, d);
    if (best.length > top) best.pop();
  }
  return best.map((d) => d.item);
}

function sortKey(doc: unknown, path: string, dir: number): unknown {
  const vals = pathValues(doc, path);
  let best = vals[0];
  for (let i = 1; i < vals.length; i++) {
    const c = compareValues(vals[i], best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = vals[i];
  }
  return best;
}

/** Shell-like rendering used in E11000 messages: `{ email: "a@b.c" }`. */
export function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v === undefined || v === null) return 'null';
  if (isNumberLike(v)) return String(toNumber(v));
  if (Array.isArray(v)) return `[ ${v.map(renderValue).join(', ')} ]`;
  if (isPlainObject(v)) return renderDoc(v);
  return String(v);
}

export function renderDoc(d: Doc): string {
  const keys = Object.keys(d);
  if (!keys.length) return '{}';
  return `{ ${keys.map((k) => `${k}: ${renderValue(d[k])}`).join(', ')} }`;
}
