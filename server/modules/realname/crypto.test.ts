import { randomBytes } from 'node:crypto';
import { decryptField, encryptField, hashIdNumber, keyIdOf } from './crypto';

describe('field encryption', () => {
  const key = randomBytes(32);

  it('round-trips and never repeats a ciphertext for the same plaintext', () => {
    const a = encryptField(key, '11010519491231002X');
    const b = encryptField(key, '11010519491231002X');
    expect(a).not.toBe(b);
    expect(a.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(decryptField([key], a)).toBe('11010519491231002X');
  });

  it('decrypts values written under an older key kept in the keyring (rotation)', () => {
    const oldKey = randomBytes(32);
    const blob = encryptField(oldKey, '张三');
    expect(() => decryptField([key], blob)).toThrow(/no key/);
    expect(decryptField([key, oldKey], blob)).toBe('张三');
  });

  it('rejects tampered ciphertexts', () => {
    const blob = encryptField(key, '张三');
    const parts = blob.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64url');
    expect(() => decryptField([key], parts.join('.'))).toThrow();
  });

  it('hashes the normalised ID number with the key', () => {
    const k1 = randomBytes(32);
    expect(hashIdNumber(k1, ' 11010519491231002x ')).toBe(hashIdNumber(k1, '11010519491231002X'));
    expect(hashIdNumber(k1, '11010519491231002X')).not.toBe(hashIdNumber(randomBytes(32), '11010519491231002X'));
  });
});
