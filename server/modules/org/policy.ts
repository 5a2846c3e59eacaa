import { hasRole } from '../../http/actor';
import { definePolicy } from '../../platform/policy';

/** The team directory: certified teams are public; pending and rejected ones are for the district's admins. */
export const teamDirectoryPolicy = definePolicy<{ status: string }, 'list'>('team_directory', {
  list: (actor, q) => q.status === 'certified' || (actor !== null && hasRole(actor, 'district_admin')),
});
