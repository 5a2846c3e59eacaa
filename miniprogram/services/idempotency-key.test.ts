import { newIdempotencyKey } from './request';

describe('newIdempotencyKey', () => {
  it('makes a fresh key per action, in the form the server accepts (8–128 of A-Z a-z 0-9 _ . : -)', () => {
    const keys = Array.from({ length: 200 }, () => newIdempotencyKey());
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
  });
});
