/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits + check character.
 * Shared so the form and the server reject the same input with the same words.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type TIdCardProblem = 'format' | 'birth_date' | 'checksum';

export const ID_CARD_MESSAGES: Record<TIdCardProblem, string> = {
  format: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X',
  birth_date: '身份证号中的出生日期无效',
  checksum: '身份证号校验位不正确，请核对',
};

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Returns the first problem found, or null when the number is valid. */
export function idCardProblem(raw: string, today: Date = new Date()): TIdCardProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const valid =
    y >= 1900 &&
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
