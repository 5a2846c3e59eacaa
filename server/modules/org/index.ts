import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** The district's organisations: communities, grids, departments, teams, clinics. */
export const orgModule = defineModule({ name: 'org', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { Clinic, Community, Department, District, Grid, SCOPE_MODELS, Team } from './model';
// clinic (issue 11)
export type { ClinicDoc } from './model';
export { type TeamDoc } from './model';
// Teams: what other modules read and change of the Team model.
export {
  anyCertifiedTeam,
  certifiedTeamBases,
  certifiedTeamCount,
  certifiedTeamsNear,
  createPendingTeam,
  decidePendingTeam,
  teamBrief,
  teamById,
  teamNamesByIds,
  teamsOldestFirst,
} from './teams';
