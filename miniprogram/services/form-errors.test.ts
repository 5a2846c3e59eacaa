import { ZRealNameInput } from '@shared/schemas/auth';
import { formErrorsFrom, normalisePath, zodFieldErrors } from './form-errors';
import { ApiError, NETWORK_ERROR_MESSAGE } from './request';

describe('form error mapping', () => {
  it('when the real-name form has a bad ID, the shared schema gives the same field message the server would', () => {
    const parsed = ZRealNameInput.safeParse({ name: '张三', idNumber: '110101199003070000' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(zodFieldErrors(parsed.error)).toEqual({ idNumber: '身份证号校验位不正确，请核对' });
  });

  it('when both fields are wrong, each gets its first message', () => {
    const parsed = ZRealNameInput.safeParse({ name: 'A', idNumber: '123' });
    if (parsed.success) throw new Error('expected failure');
    const errors = zodFieldErrors(parsed.error);
    expect(Object.keys(errors).sort()).toEqual(['idNumber', 'name']);
    expect(errors.idNumber).toBe('身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X');
  });

  it('when the server answers with fields, they map by path (request-part prefix removed) and the message becomes the form error', () => {
    const err = new ApiError(400, 'validation_failed', '提交的信息有误，请检查后重试', [
      { path: 'body.idNumber', message: '身份证号中的出生日期无效' },
      { path: 'name', message: '姓名只能包含汉字和“·”' },
    ]);
    expect(formErrorsFrom(err)).toEqual({
      fields: { idNumber: '身份证号中的出生日期无效', name: '姓名只能包含汉字和“·”' },
      form: '提交的信息有误，请检查后重试',
    });
  });

  it('when something that is not an ApiError is thrown, the form still shows a message', () => {
    expect(formErrorsFrom(new Error('微信登录失败')).form).toBe('微信登录失败');
    expect(formErrorsFrom(undefined).form).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('normalisePath keeps nested paths', () => {
    expect(normalisePath('roles.0.scopeId')).toBe('roles.0.scopeId');
    expect(normalisePath('query.page')).toBe('page');
  });
});
