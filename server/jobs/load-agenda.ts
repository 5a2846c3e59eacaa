import type { createRequire as CreateRequire } from 'node:module';
import type * as AgendaModule from 'agenda';
import type * as MongoBackendModule from '@agendajs/mongo-backend';

/**
 * Agenda 6 and its MongoDB backend ship as ES modules only. Node >= 20.19 loads
 * ES modules through require(), but jest's module registry (which also replaces
 * `node:module`) does not. `process.getBuiltinModule` (Node >= 20.16) hands us
 * Node's real `createRequire`, whose require loads them natively — the same
 * path under tsx, the compiled server and jest. The backend is handed our
 * existing `Db`, so it shares the app's connection and database.
 */
const { createRequire } = process.getBuiltinModule('node:module') as { createRequire: typeof CreateRequire };
const nativeRequire = createRequire(__filename);

export function loadAgenda(): {
  Agenda: typeof AgendaModule.Agenda;
  MongoBackend: typeof MongoBackendModule.MongoBackend;
} {
  const agenda = nativeRequire('agenda') as typeof AgendaModule;
  const backend = nativeRequire('@agendajs/mongo-backend') as typeof MongoBackendModule;
  return { Agenda: agenda.Agenda, MongoBackend: backend.MongoBackend };
}
