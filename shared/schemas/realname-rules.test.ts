import { ZRealNameInput } from './auth';
import { idCardCheckChar } from '../idcard';

const id = (body17: string) => body17 + idCardCheckChar(body17);
const nameError = (name: string) => {
  const r = ZRealNameInput.safeParse({ name, idNumber: id('11010519800101002') });
  return r.success ? null : (r.error.issues.find((i) => i.path[0] === 'name')?.message ?? null);
};

describe('real name rule (shared by the form and the server)', () => {
  it('when the name is 2–30 Chinese characters, or parts joined by single ·, it is accepted', () => {
    expect(nameError('张三')).toBeNull();
    expect(nameError('阿依古丽·买买提')).toBeNull();
    expect(nameError('爱新觉罗·溥仪')).toBeNull();
    expect(nameError('张'.repeat(30))).toBeNull();
  });

  it('when a look-alike dot or spaces are typed, the name is stored with the standard ·', () => {
    const r = ZRealNameInput.parse({ name: ' 阿依古丽•买买提 ', idNumber: id('11010519800101002') });
    expect(r.name).toBe('阿依古丽·买买提');
    expect(ZRealNameInput.parse({ name: '阿依古丽・买 买提', idNumber: id('11010519800101002') }).name).toBe(
      '阿依古丽·买买提',
    );
  });

  it('when the name is too short, too long, Latin, or has a dot at an end or two dots, it is refused with a Chinese message', () => {
    expect(nameError('张')).toBe('姓名至少 2 个字');
    expect(nameError('张'.repeat(31))).toBe('姓名最多 30 个字');
    expect(nameError('Zhang San')).toMatch(/只能是汉字/);
    expect(nameError('·张三')).toMatch(/只能是汉字/);
    expect(nameError('张三·')).toMatch(/只能是汉字/);
    expect(nameError('张··三')).toMatch(/只能是汉字/);
    expect(nameError('张3')).toMatch(/只能是汉字/);
  });

  it('when the ID number has an unknown region code, the region message is given', () => {
    const r = ZRealNameInput.safeParse({ name: '张三', idNumber: id('99010519800101002') });
    expect(r.success ? null : r.error.issues[0].message).toBe('身份证号前 6 位的地区码无效，请核对');
  });
});
