/**
 * Foreground runner: `npm run db:embedded -- --port <p> --dbpath <dir>`. Prints the connection URI
 * once it accepts connections; SIGTERM/SIGINT shut down cleanly (snapshot + journal close).
 */
import { startEmbeddedMongo } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? 27017);
  const dbPath = arg('dbpath');
  const fsync = arg('fsync') as 'batch' | 'always' | 'off' | undefined;
  const ttl = arg('ttl-interval-ms');
  const db = await startEmbeddedMongo({ port, dbPath, fsync, ttlIntervalMs: ttl ? Number(ttl) : undefined });
  process.stdout.write(`embedded-mongo listening on ${db.uri} (${dbPath ? `dbpath ${dbPath}` : 'memory only'})\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    db.stop()
      .then(() => {
        process.stdout.write(`embedded-mongo stopped (${signal})\n`);
        process.exit(0);
      })
      .catch((e: Error) => {
        process.stderr.write(`embedded-mongo: shutdown failed: ${e.message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: Error) => {
  process.stderr.write(`embedded-mongo: ${e.message}\n`);
  process.exit(1);
});
