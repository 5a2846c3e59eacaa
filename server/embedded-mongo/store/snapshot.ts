import type { Doc } from '../values';
import type { Collection } from './collection';
import type { Txn } from './ops';

/**
 * Entries that rebuild the committed state, produced synchronously. A document an open
 * transaction has written appears as its pre-transaction image (absent if the transaction
 * inserted it); a transaction whose commit record is already on its way to the journal counts
 * as committed.
 */
export function snapshotEntries(dbs: Map<string, Map<string, Collection>>): Doc[] {
  const out: Doc[] = [];
  const open = (p: { owner: object }) => !(p.owner as Txn).committing;
  for (const colls of dbs.values()) {
    for (const c of colls.values()) {
      out.push({ op: 'createCollection', ns: c.ns, options: c.options });
      if (c.indexes.length) out.push({ op: 'createIndexes', ns: c.ns, specs: c.indexes.map((i) => i.spec) });
      for (const [id, rec] of c.docs) {
        const p = c.pending.get(id);
        const doc = p && open(p) ? p.before?.t : rec.t;
        if (doc) out.push({ op: 'put', ns: c.ns, doc });
      }
      for (const [id, p] of c.pending) {
        if (!c.docs.has(id) && p.before && open(p)) out.push({ op: 'put', ns: c.ns, doc: p.before.t });
      }
    }
  }
  return out;
}
