/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits + check character.
 * Shared so the form and the server reject the same input with the same words.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type TIdCardProblem = 'format' | 'region' | 'birth_date' | 'checksum';

export const ID_CARD_MESSAGES: Record<TIdCardProblem, string> = {
  format: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X',
  region: '身份证号前 6 位的地区码无效，请核对',
  birth_date: '身份证号中的出生日期无效',
  checksum: '身份证号校验位不正确，请核对',
};

/** Oldest plausible holder: a birth date more than this many years ago is a typo. */
export const ID_CARD_MAX_AGE_YEARS = 120;

/**
 * Province-level codes of GB/T 2260 (and 71/81/82 used by the residence permits of Taiwan,
 * Hong Kong and Macao residents). The prefecture and county digits are checked by the
 * standard's structure, not against today's county list: an ID number keeps the code of
 * the county that issued it, and many have been retired since (e.g. 巢湖 3426 in 2011),
 * so a current list would refuse real people.
 */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/** GB/T 2260 structure: province, then prefecture 01–70 or 90 (直辖县级), then county 01–99. */
export function validRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const province = code.slice(0, 2);
  if (!PROVINCES.has(province)) return false;
  // Residence permits of Taiwan, Hong Kong and Macao residents carry the bare province code.
  if (province === '71' || province === '81' || province === '82') return code.slice(2) === '0000';
  const prefecture = Number(code.slice(2, 4));
  const county = Number(code.slice(4, 6));
  return ((prefecture >= 1 && prefecture <= 70) || prefecture === 90) && county >= 1;
}

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Returns the first problem found, or null when the number is valid. */
export function idCardProblem(raw: string, today: Date = new Date()): TIdCardProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!validRegionCode(id.slice(0, 6))) return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const oldest = Date.UTC(today.getUTCFullYear() - ID_CARD_MAX_AGE_YEARS, today.getUTCMonth(), today.getUTCDate());
  const valid =
    y >= 1900 &&
    birth.getTime() >= oldest &&
    birth.getUTCFullYear() === y &&
    birth.getUTCMonth() === m - 1 &&
    birth.getUTCDate() === d &&
    birth.getTime() <= today.getTime();
  if (!valid) return 'birth_date';
  if (idCardCheckChar(id) !== id[17]) return 'checksum';
  return null;
}

/** `110101199003071234` → `1101**********1234` */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** `13812345678` → `138****5678` */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return phone.replace(/./g, '*');
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}
