import { createRequire } from 'node:module';
import type * as AgendaModule from 'agenda';
import type * as MongoBackendModule from '@agendajs/mongo-backend';

/**
 * Agenda 6 and its MongoDB backend ship as ES modules only. Node >= 20.19 loads
 * ES modules through require(), but jest's module registry does not, so we ask
 * Node's own require (createRequire) for them. That works the same under tsx,
 * the compiled server and jest. The backend is handed our existing `Db`, so it
 * shares the app's connection and database.
 */
const nativeRequire = createRequire(__filename);

export function loadAgenda(): { Agenda: typeof AgendaModule.Agenda; MongoBackend: typeof MongoBackendModule.MongoBackend } {
  const agenda = nativeRequire('agenda') as typeof AgendaModule;
  const backend = nativeRequire('@agendajs/mongo-backend') as typeof MongoBackendModule;
  return { Agenda: agenda.Agenda, MongoBackend: backend.MongoBackend };
}
