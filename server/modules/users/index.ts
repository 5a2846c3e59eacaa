import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Residents' and staff accounts, profiles and roles. */
export const usersModule = defineModule({ name: 'users', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { ZUserDto, ZUserEnvelope } from './dto-schema';
export { User, type UserDoc } from './model';
export { presentUser } from './presenter';
export {
  accountKind,
  activeUserIdsWithRole,
  deletedUserIds,
  displayNames,
  findActiveAccount,
  findContact,
  findUser,
  hasActiveRole,
  isDeletedUser,
  realNameMasks,
  userIdsByUsername,
  usersWithRole,
  type RoleHolder,
  type UserContact,
} from './queries';
export { recordPolicyAgreement, tombstoneAccount } from './commands/account-privacy';
export { grantRoleOnce, revokeScopedRole } from './commands/roles';
export {
  adjustSubscribeConsents,
  clearSubscribeConsent,
  giveSubscribeConsentBack,
  takeSubscribeConsent,
} from './commands/subscribe-consents';
export { searchHash, type SearchField } from './search-hash';
