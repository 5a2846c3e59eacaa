// Runs an Agenda 6 scenario against the MongoDB at argv[2], database argv[3]; prints a JSON
// summary. A separate process because Agenda 6 is ESM-only and jest's module registry is not.
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient } from 'mongodb';

const [uri, dbName] = process.argv.slice(2);
const client = await new MongoClient(uri).connect();
const db = client.db(dbName);
const agenda = new Agenda({ backend: new MongoBackend({ mongo: db, collection: 'jobs' }), processEvery: 50 });
const seen = [];
agenda.define('greet', async (job) => {
  seen.push(job.attrs.data.who);
});
agenda.define('tick', async () => undefined);
await agenda.start();
await agenda.now('greet', { who: 'ann' });
await agenda.now('greet', { who: 'bo' });
await agenda.every('1 hour', 'tick');
await agenda.every('1 hour', 'tick');
const deadline = Date.now() + 8000;
while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
await agenda.stop();
const jobs = db.collection('jobs');
const indexes = (await jobs.listIndexes().toArray()).map((i) => i.name);
const ticks = await jobs.countDocuments({ name: 'tick' });
const greets = await jobs.find({ name: 'greet' }).toArray();
process.stdout.write(
  JSON.stringify({ seen: seen.sort(), indexes, ticks, finished: greets.filter((j) => j.lastFinishedAt instanceof Date).length }) + '\n',
);
await client.close();
// Agenda leaves timers behind after stop(); the scenario is over.
process.exit(0);
