import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { TUserDto } from '@shared/schemas/auth';
import { RealNameFields } from '../RealNameFields';
import { TextAreaField } from '../TextAreaField';
import { Notice } from '../Notice';
import { useRealNameCorrection } from '../../hooks/useIdentityAdmin';

/**
 * 更正实名信息: volunteers cannot change their verified identity themselves; the district admin
 * does, after checking the ID card, with a reason. Collapsed until asked for.
 */
export function RealNameCorrection({ user, onCorrected }: { user: TUserDto; onCorrected: (u: TUserDto) => void }) {
  const [open, setOpen] = useState(false);
  const form = useRealNameCorrection(user, (u) => {
    setOpen(false);
    onCorrected(u);
  });
  if (!user.realName) return null;
  if (!open) {
    return (
      <View className="card" id="realname-correction">
        <Text className="card__title">实名信息更正</Text>
        <Notice type="success" message={form.done} id="realname-correction-done" />
        <Button id="realname-correction-open" className="btn btn--plain" onClick={() => setOpen(true)}>
          更正姓名或身份证号
        </Button>
      </View>
    );
  }
  return (
    <View className="card" id="realname-correction">
      <Text className="card__title">实名信息更正</Text>
      <Text className="muted">
        请先核对本人身份证件。新的姓名与身份证号将重新加密保存，原因记入审计日志并通知本人。
      </Text>
      <Notice message={form.formError} id="realname-correction-error" />
      <RealNameFields
        form={form}
        ids={{ name: 'correction-name', idNumber: 'correction-id' }}
        labels={{ name: '正确的姓名', idNumber: '正确的身份证号' }}
      />
      <TextAreaField
        id="correction-reason"
        label="更正原因"
        value={form.values.reason}
        error={form.errors.reason}
        placeholder="如：核对身份证原件，姓名录入有误"
        maxlength={200}
        onChange={(v) => form.setField('reason', v)}
      />
      <Button
        id="correction-submit"
        className="btn btn--primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        提交更正
      </Button>
      <Button id="correction-cancel" className="btn btn--plain" onClick={() => setOpen(false)}>
        取消
      </Button>
    </View>
  );
}
