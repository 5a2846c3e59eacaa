/**
 * Real-name factories: valid resident ID numbers (GB 11643 checksum, real birth
 * date) and residents verified through the real POST /api/me/real-name.
 */
import { randomInt } from 'node:crypto';
import { idCardCheckChar } from '@shared/idcard';
import type { TUserDto } from '@shared/schemas/auth';
import type { TestContext } from './context';
import { buildResident, type Built } from './factories';

const AREAS = ['110105', '310104', '440305', '320102', '510107', '330106'];

/** A valid 18-character ID number; pass `birth` (YYYYMMDD) to fix the birth date. */
export function validIdNumber(opts: { area?: string; birth?: string; seq?: string } = {}): string {
  const area = opts.area ?? AREAS[randomInt(AREAS.length)];
  const birth =
    opts.birth ??
    `${1950 + randomInt(55)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
  const seq = opts.seq ?? String(randomInt(1000)).padStart(3, '0');
  const first17 = `${area}${birth}${seq}`;
  return first17 + idCardCheckChar(first17);
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军'];

export function randomChineseName(): string {
  return SURNAMES[randomInt(SURNAMES.length)] + GIVEN[randomInt(GIVEN.length)] + GIVEN[randomInt(GIVEN.length)];
}

export interface VerifiedResident extends Built {
  openid: string;
  name: string;
  idNumber: string;
}

/** A consented resident who completed real-name verification through the API. */
export async function buildVerifiedResident(
  ctx: TestContext,
  overrides: { name?: string; idNumber?: string; openid?: string; phone?: string } = {},
): Promise<VerifiedResident> {
  const resident = await buildResident(ctx, { openid: overrides.openid, phone: overrides.phone });
  const name = overrides.name ?? randomChineseName();
  const idNumber = overrides.idNumber ?? validIdNumber();
  const res = await ctx.http.post('/api/me/real-name').set('Authorization', resident.auth).send({ name, idNumber });
  if (res.status !== 200) throw new Error(`buildVerifiedResident: answered ${res.status} ${JSON.stringify(res.body)}`);
  return { ...resident, user: res.body.user as TUserDto, name, idNumber };
}
