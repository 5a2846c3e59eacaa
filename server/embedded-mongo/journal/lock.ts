/**
 * One engine per dbPath: a LOCK file holding the owner's pid, like mongod.lock. A lock left by a
 * process that no longer exists (killed, crashed) is taken over; a live owner is an error.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Directories this process holds, so a recycled pid in an old LOCK is not mistaken for us. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'LOCK');
  if (held.has(dir)) throw new Error(`dbPath ${dir} is already open in this process`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const h = await fs.open(file, 'wx');
      try {
        await h.writeFile(`${process.pid}\n`);
        await h.sync();
      } finally {
        await h.close();
      }
      held.add(dir);
      return async () => {
        held.delete(dir);
        await fs.rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`dbPath ${dir} is in use by process ${pid}; stop that engine first (or remove ${file} if no engine is running)`);
      }
      await fs.rm(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock dbPath ${dir}`);
}
