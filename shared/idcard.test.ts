import { idCardProblem, idCardCheckChar, maskIdNumber } from './idcard';

describe('idCardProblem', () => {
  const valid = (body17: string) => body17 + idCardCheckChar(body17);

  it('accepts a number with a correct check character', () => {
    expect(idCardProblem(valid('11010519491231002'))).toBeNull();
    expect(idCardProblem('11010519491231002X')).toBeNull();
  });

  it('rejects wrong length, letters and a bad checksum', () => {
    expect(idCardProblem('1101051949123100')).toBe('format');
    expect(idCardProblem('11010519491231002A')).toBe('format');
    expect(idCardProblem('110105194912310021')).toBe('checksum');
  });

  it('rejects impossible and future birth dates', () => {
    expect(idCardProblem(valid('11010519490230002'))).toBe('birth_date');
    expect(idCardProblem(valid('11010520990101002'), new Date('2026-01-01'))).toBe('birth_date');
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});
