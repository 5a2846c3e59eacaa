/**
 * A sorted sequence stored as a list of bounded chunks (a flat B+tree): binary search over chunk
 * tails, then inside one chunk. Inserts and removals move at most one chunk's elements, so the
 * cost stays flat as an index grows to hundreds of thousands of keys.
 */
const MAX_CHUNK = 256;

export interface Pos {
  c: number;
  i: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** First position whose element e has probe(e) >= 0 (probe compares e against the target). */
  seek(probe: (e: T) => number): Pos {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid];
      if (probe(chunk[chunk.length - 1]) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { c: lo, i: 0 };
    const chunk = chunks[lo];
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (probe(chunk[mid]) < 0) a = mid + 1;
      else b = mid;
    }
    return { c: lo, i: a };
  }

  at(p: Pos): T | undefined {
    return this.chunks[p.c]?.[p.i];
  }

  /** Moves p to the next element; returns false past the end. */
  next(p: Pos): boolean {
    p.i++;
    if (p.i >= (this.chunks[p.c]?.length ?? 0)) {
      p.c++;
      p.i = 0;
    }
    return p.c < this.chunks.length;
  }

  /** Moves p to the previous element (from past the end: to the last); returns false before the start. */
  prev(p: Pos): boolean {
    if (p.c >= this.chunks.length) {
      p.c = this.chunks.length;
      p.i = 0;
    }
    p.i--;
    while (p.i < 0) {
      p.c--;
      if (p.c < 0) return false;
      p.i = this.chunks[p.c].length - 1;
    }
    return true;
  }

  insert(item: T, probe: (e: T) => number): void {
    this.count++;
    if (!this.chunks.length) {
      this.chunks.push([item]);
      return;
    }
    let { c, i } = this.seek(probe);
    if (c === this.chunks.length) {
      c--;
      i = this.chunks[c].length;
    }
    const chunk = this.chunks[c];
    chunk.splice(i, 0, item);
    if (chunk.length > MAX_CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(MAX_CHUNK >>> 1));
  }

  removeAt(p: Pos): void {
    const chunk = this.chunks[p.c];
    if (!chunk || p.i >= chunk.length) return;
    chunk.splice(p.i, 1);
    this.count--;
    if (!chunk.length) this.chunks.splice(p.c, 1);
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
