/** The chunked sorted list behind indexes stays ordered through splits and removals. */
import { SortedList } from './sorted-list';

const probe = (target: number) => (e: number) => e - target;

function toArray(list: SortedList<number>): number[] {
  const out: number[] = [];
  const p = list.seek(() => 0);
  for (let e = list.at(p); e !== undefined; e = list.next(p) ? list.at(p) : undefined) out.push(e);
  return out;
}

describe('when many keys are inserted and removed', () => {
  it('keeps every key in order and finds lower bounds', () => {
    const list = new SortedList<number>();
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    for (const v of values) list.insert(v, probe(v));
    expect(list.length).toBe(5000);
    expect(toArray(list)).toEqual([...values].sort((a, b) => a - b));
    for (const v of values.filter((_, i) => i % 2 === 0)) list.removeAt(list.seek(probe(v)));
    const kept = values.filter((_, i) => i % 2 === 1).sort((a, b) => a - b);
    expect(toArray(list)).toEqual(kept);
    const p = list.seek(probe(2500));
    expect(list.at(p)).toBe(kept.find((v) => v >= 2500));
    expect(list.at(list.seek(probe(1e9)))).toBeUndefined();
  });
});

describe('when a list is read backwards', () => {
  it('visits every key in reverse order across chunks, starting past the end', () => {
    const list = new SortedList<number>();
    for (let v = 0; v < 1000; v++) list.insert(v, probe(v));
    const p = list.seek(probe(1e9));
    const out: number[] = [];
    while (list.prev(p)) out.push(list.at(p)!);
    expect(out).toEqual(Array.from({ length: 1000 }, (_, i) => 999 - i));
  });
});
