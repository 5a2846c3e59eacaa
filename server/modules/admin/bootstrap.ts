import type pino from 'pino';
import { hashPassword } from '../auth';
import { createStaffAccount, usernameTaken } from '../users';

/**
 * First start: create the district admin named in LINLI_ADMIN_USERNAME if no
 * account has that username. Never changes an existing account's password.
 */
export async function ensureDistrictAdmin(
  username: string,
  password: string,
  logger?: pino.Logger,
): Promise<{ created: boolean }> {
  if (await usernameTaken(username)) return { created: false };
  try {
    await createStaffAccount({
      username,
      passwordHash: await hashPassword(password),
      displayName: '区级管理员',
      roles: [{ role: 'district_admin' }],
    });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return { created: false }; // another process won
    throw error;
  }
  logger?.info({ username }, 'district admin created');
  return { created: true };
}
