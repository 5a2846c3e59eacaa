import { batchLoader } from './batch-loader';

describe('batchLoader', () => {
  test('when calls arrive in the same turn, they share one fetch; duplicate keys are fetched once; unknown keys get undefined', async () => {
    const fetches: string[][] = [];
    const load = batchLoader(async (keys) => {
      fetches.push(keys);
      return keys.filter((k) => k !== 'missing').map((k): [string, string] => [k, k.toUpperCase()]);
    });
    const got = await Promise.all(['a', 'b', 'a', 'missing'].map(load));
    expect(got).toEqual(['A', 'B', 'A', undefined]);
    expect(fetches).toEqual([['a', 'b', 'missing']]);
  });

  test('when a key is asked again after its batch, it is fetched again (nothing is cached between batches)', async () => {
    let version = 1;
    const load = batchLoader(async (keys) => keys.map((k): [string, string] => [k, `${k}${version}`]));
    expect(await load('s')).toBe('s1');
    version = 2;
    expect(await load('s')).toBe('s2');
  });

  test('when the fetch fails, every caller in that batch gets the error and the next batch runs normally', async () => {
    let fail = true;
    const load = batchLoader(async (keys) => {
      if (fail) throw new Error('down');
      return keys.map((k): [string, number] => [k, 1]);
    });
    const results = await Promise.allSettled([load('x'), load('y')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await load('x')).toBe(1);
  });

  test('when more than 500 keys arrive together, they are split into several fetches', async () => {
    const sizes: number[] = [];
    const load = batchLoader(async (keys) => {
      sizes.push(keys.length);
      return keys.map((k): [string, string] => [k, k]);
    });
    const keys = Array.from({ length: 1200 }, (_, i) => `k${i}`);
    expect(await Promise.all(keys.map(load))).toEqual(keys);
    expect(sizes).toEqual([500, 500, 200]);
  });

  test('when calls arrive while a fetch is in flight, they wait for it and then go together in one fetch', async () => {
    const fetches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = batchLoader(async (keys) => {
      fetches.push(keys);
      if (fetches.length === 1) await gate;
      return keys.map((k): [string, string] => [k, k]);
    });
    const first = load('a');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const later = [load('b'), load('c')];
    await new Promise((r) => setTimeout(r, 5));
    const more = load('d');
    expect(fetches).toEqual([['a']]);
    release();
    expect(await Promise.all([first, ...later, more])).toEqual(['a', 'b', 'c', 'd']);
    expect(fetches).toEqual([['a'], ['b', 'c', 'd']]);
  });
});
