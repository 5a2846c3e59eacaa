import { idCardProblem, idCardCheckChar, maskIdNumber, validRegionCode } from './idcard';

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

describe('region code and plausible birth date', () => {
  const valid = (body17: string) => body17 + idCardCheckChar(body17);
  const today = new Date('2026-12-05T00:00:00Z');

  it('when the province is not in GB/T 2260, or the prefecture or county digits are 00, the region is refused', () => {
    expect(idCardProblem(valid('99010519800101002'), today)).toBe('region');
    expect(idCardProblem(valid('10010519800101002'), today)).toBe('region');
    expect(idCardProblem(valid('11000019800101002'), today)).toBe('region');
    expect(idCardProblem(valid('11010019800101002'), today)).toBe('region');
    expect(idCardProblem(valid('32809919800101002'), today)).toBe('region');
  });

  it('when the code is a retired county (巢湖 342601), a 省直辖 county or a HK/Macao/Taiwan permit, it is accepted', () => {
    expect(validRegionCode('342601')).toBe(true);
    expect(validRegionCode('429004')).toBe(true);
    expect(validRegionCode('810000')).toBe(true);
    expect(validRegionCode('810101')).toBe(false);
  });

  it('when the holder would be older than 120 years or born tomorrow, the birth date is refused', () => {
    expect(idCardProblem(valid('11010519061204002'), today)).toBe('birth_date');
    expect(idCardProblem(valid('11010519061205002'), today)).toBeNull();
    expect(idCardProblem(valid('11010520261206002'), today)).toBe('birth_date');
    expect(idCardProblem(valid('11010520261205002'), today)).toBeNull();
  });
});
