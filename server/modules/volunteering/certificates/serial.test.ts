import { issueSerial, normaliseSerial } from './serial';

describe('certificate serials', () => {
  const at = new Date('2026-04-30T17:00:00Z'); // 2026-05-01 01:00 in Shanghai

  it('carries the Shanghai issue date and a check character', () => {
    const serial = issueSerial(at, Buffer.from([1, 2, 3, 4, 5]));
    expect(serial).toMatch(/^LL-20260501-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z]$/);
    expect(normaliseSerial(serial)).toBe(serial);
  });

  it('when typed in lower case, with spaces or with O for 0, it is still recognised', () => {
    const serial = issueSerial(at);
    const typed = ` ${serial.toLowerCase().replace(/0/g, 'o').replace(/-/g, ' ')} `;
    expect(normaliseSerial(typed)).toBe(serial);
  });

  it('when one character is mistyped, the check character catches it', () => {
    for (let n = 0; n < 50; n += 1) {
      const serial = issueSerial(at);
      const chars = serial.split('');
      const pos = 12 + (n % 8);
      chars[pos] = chars[pos] === 'A' ? 'B' : 'A';
      expect(normaliseSerial(chars.join(''))).toBeUndefined();
    }
  });

  it('issues different serials every time', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => issueSerial(at)));
    expect(seen.size).toBe(1000);
  });

  it.each(['', 'LL-2026', 'XX-20260501-ABCDEFGH-1', '{"$gt":""}', 'LL-20260501-ABCDEFGH-1'.repeat(3)])(
    'rejects %p',
    (input) => {
      expect(normaliseSerial(input)).toBeUndefined();
    },
  );
});
