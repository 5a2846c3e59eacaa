import { fenToYuan } from '@shared/schemas/donations';
import { yuanToFen } from './money';

describe('amounts typed in yuan become integer fen', () => {
  test('when whole yuan, one or two decimals are typed, the fen are exact (no floating point)', () => {
    expect(yuanToFen('88')).toBe(8800);
    expect(yuanToFen('88.8')).toBe(8880);
    expect(yuanToFen(' 0.07 ')).toBe(7);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.10')).toBe(110);
  });

  test('when the text is not an amount in yuan with at most two decimals, it is refused', () => {
    for (const bad of ['', '.5', '1.234', '-3', '1e3', '１０', '12,5', '5元']) expect(yuanToFen(bad)).toBeNull();
  });

  test('when fen are shown again, the yuan text round-trips', () => {
    for (const fen of [1, 99, 100, 8880, 5_000_000]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
