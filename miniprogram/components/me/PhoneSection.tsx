import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { TUserDto } from '@shared/schemas/auth';
import { FormField } from '../FormField';
import { isH5 } from '../../services/nav';
import { toSandboxPhoneCode } from '../../hooks/useAccount';

interface Props {
  user: TUserDto;
  devLogin: boolean;
  busy: boolean;
  onCode: (code: string) => void;
  onFail: (message: string) => void;
}

/** Phone binding: WeChat's getPhoneNumber button, or a sandbox code on H5 in development. */
export function PhoneSection({ user, devLogin, busy, onCode, onFail }: Props) {
  const [sandbox, setSandbox] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submitSandbox = () => {
    const code = toSandboxPhoneCode(sandbox);
    if (!code) return setFieldError('请输入 11 位手机号（或 phone:手机号）');
    setFieldError(undefined);
    onCode(code);
  };

  return (
    <View className="card" id="phone-section">
      <Text className="card__title">手机号</Text>
      <View className="row">
        <Text className="row__label">已绑定</Text>
        <Text id="phone-masked">{user.phoneMasked ?? '未绑定'}</Text>
      </View>
      {!isH5 ? (
        <Button
          id="phone-bind"
          className="btn btn--plain"
          openType="getPhoneNumber"
          disabled={busy}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code;
            if (code) onCode(code);
            else onFail('未获得手机号授权');
          }}
        >
          {user.phoneMasked ? '更换手机号' : '微信授权绑定手机号'}
        </Button>
      ) : devLogin ? (
        <View>
          <FormField
            id="phone-code"
            label="测试手机号（开发环境）"
            value={sandbox}
            error={fieldError}
            placeholder="例如 13800138000"
            maxlength={17}
            onChange={setSandbox}
          />
          <Button id="phone-submit" className="btn btn--plain" loading={busy} disabled={busy} onClick={submitSandbox}>
            绑定手机号
          </Button>
        </View>
      ) : (
        <Text className="muted">请在微信小程序中绑定手机号。</Text>
      )}
    </View>
  );
}
