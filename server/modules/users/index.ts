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
  accountsMissingSearchHashes,
  actorAccounts,
  type ActorAccount,
  activeUserIdsWithRole,
  deletedUserIds,
  findAccount,
  displayNames,
  findActiveAccount,
  findByOpenid,
  findContact,
  findStaffByUsername,
  findUser,
  hasActiveRole,
  hasActiveScopedRole,
  isDeletedUser,
  listAccounts,
  realNameMasks,
  staffPasswordHash,
  storedRealName,
  userIdsByUsername,
  usernameTaken,
  usersBySearchHash,
  usersWithRole,
  type RoleHolder,
  type UserContact,
} from './queries';
export { recordPolicyAgreement, tombstoneAccount } from './commands/account-privacy';
export { fillSearchHashes, replaceRealName, setRealNameOnce } from './commands/real-name';
export { grantRoleOnce, revokeRoleGrants } from './commands/roles';
export { createStaffAccount, setAccountStatus } from './commands/staff-accounts';
export { createResidentAccount, replacePasswordHash } from './commands/credentials';
export {
  adjustSubscribeConsents,
  clearSubscribeConsent,
  giveSubscribeConsentBack,
  takeSubscribeConsent,
} from './commands/subscribe-consents';
export { searchHash, type SearchField } from './search-hash';
