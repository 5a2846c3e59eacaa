/**
 * `$in` lists of equality values are matched by the engine, not by mingo: mingo hashes the whole
 * list again for every document it tests, so a list of n ids over n candidates cost n² hashes
 * (the nearby list's shifts of ~500 activities took ~300 ms at 1/10 of the seed district,
 * issue 15). The answers must stay mingo's (MongoDB's) on the values both handle.
 */
import { Query } from 'mingo';
import { ObjectId } from 'bson';
import { compileFilter } from './filter';
import { queryOptions } from './mingo-context';
import { toPlain, type Doc } from './values';

const ids = Array.from({ length: 40 }, () => new ObjectId());
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
const scalars: unknown[] = [...ids.slice(0, 20), 0, 1, 2.5, -3, 'a', 'b', 'B', '', true, false, new Date(0), new Date(86_400_000)];

function randomDoc(): Doc {
  const roll = random();
  const v = roll < 0.5 ? pick(scalars) : roll < 0.7 ? [pick(scalars), pick(scalars)] : roll < 0.85 ? { w: pick(scalars) } : [{ w: pick(scalars) }, { w: pick(scalars) }];
  return random() < 0.1 ? { _id: random() } : { _id: random(), v, k: pick(['x', 'y']) };
}

describe('when a filter is an $in list of equality values', () => {
  it('is matched without mingo', () => {
    expect(compileFilter({ activity: { $in: ids } })).not.toBeInstanceOf(Query);
    expect(compileFilter({ status: 'published', team: { $in: ids.slice(0, 3) } })).not.toBeInstanceOf(Query);
    // null, regular expressions and subdocuments keep mingo's semantics
    expect(compileFilter({ v: { $in: [null, 1] } })).toBeInstanceOf(Query);
    expect(compileFilter({ v: { $in: [/a/] } })).toBeInstanceOf(Query);
    expect(compileFilter({ v: { $in: [{ w: 1 }] } })).toBeInstanceOf(Query);
  });

  it('answers as mingo does on plain, array and nested fields', () => {
    const docs = Array.from({ length: 400 }, randomDoc);
    for (let round = 0; round < 60; round++) {
      const list = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick([...scalars, ...ids.slice(20)]));
      const path = pick(['v', 'v.w']);
      const filter: Doc = random() < 0.3 ? { k: 'x', [path]: { $in: list } } : { [path]: { $in: list } };
      const direct = compileFilter(filter)!;
      const viaMingo = new Query(filter, queryOptions());
      for (const d of docs) expect([filter, d, direct.test(d)]).toEqual([filter, d, viaMingo.test(toPlain(d) as Doc)]);
    }
  });
});
