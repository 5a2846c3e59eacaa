/** The CLI (`npm run db:embedded`) prints its URI once it accepts connections and stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import { againstRealMongo } from '../test-support';

const maybe = againstRealMongo() ? describe.skip : describe;

maybe('when the engine runs from the command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'embedded-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('listens on the printed URI, serves clients and exits 0 on SIGTERM after writing its snapshot', async () => {
    const tsx = path.join(__dirname, '../../../node_modules/.bin/tsx');
    const child = spawn(tsx, [path.join(__dirname, '../cli.ts'), '--port', '0', '--dbpath', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const uri = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /mongodb:\/\/127\.0\.0\.1:(\d+)\/?/.exec(out);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`cli exited early with ${code}: ${out}`)));
    });
    const client = await new MongoClient(uri).connect();
    await client.db('cli').collection('c').insertOne({ hello: 'world' });
    await client.close();
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('snapshot'))).toBe(true);
  }, 60_000);
});
