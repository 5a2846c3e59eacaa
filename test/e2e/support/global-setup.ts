import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Journeys run against the H5 build the server serves; build it once if it is missing. */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  if (!existsSync(path.join(root, 'dist/h5/index.html'))) {
    // jest sets NODE_ENV=test, which would make Taro build a development bundle
    // (React Refresh hooks included) that cannot run when served statically.
    execSync('npm run build:h5', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
}
