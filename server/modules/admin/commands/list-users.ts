import { listAccounts, type UserDoc } from '../../users';
import type { TAdminUserQuery } from '../schemas';

export const listUsers = (q: TAdminUserQuery): Promise<{ items: UserDoc[]; total: number }> => listAccounts(q);
