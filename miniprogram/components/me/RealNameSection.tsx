import { Button, Text, View } from '@tarojs/components';
import type { TUserDto } from '@shared/schemas/auth';
import { RealNameFields } from '../RealNameFields';
import { Notice } from '../Notice';
import { useRealNameForm } from '../../hooks/useAccount';
import { formatDate } from '../../services/format';

/**
 * Shows the masked verification, or the 实名认证 form when not verified yet.
 * Each view's card is keyed so React replaces it rather than patching the 下一步 button into
 * 确认提交: Taro H5's button cannot change its label in place (insertBefore NotFoundError).
 */
export function RealNameSection({ user }: { user: TUserDto }) {
  const form = useRealNameForm();
  const rn = user.realName;

  if (rn) {
    return (
      <View className="card" id="realname-status" key="status">
        <Text className="card__title">实名认证</Text>
        {form.done ? <Notice type="success" message="实名认证成功" id="realname-success" /> : null}
        <View className="row">
          <Text className="row__label">姓名</Text>
          <Text id="realname-masked-name">{rn.nameMasked}</Text>
        </View>
        <View className="row">
          <Text className="row__label">身份证号</Text>
          <Text id="realname-masked-id">{rn.idNumberMasked}</Text>
        </View>
        <View className="row">
          <Text className="row__label">认证时间</Text>
          <Text>{formatDate(rn.verifiedAt)}</Text>
        </View>
      </View>
    );
  }

  if (form.preview) {
    return (
      <View className="card" id="realname-confirm" key="confirm">
        <Text className="card__title">请核对实名信息</Text>
        <View className="row">
          <Text className="row__label">姓名</Text>
          <Text id="realname-confirm-name">{form.preview.name}</Text>
        </View>
        <View className="row">
          <Text className="row__label">身份证号</Text>
          <Text id="realname-confirm-id">{form.preview.idNumberMasked}</Text>
        </View>
        <Notice
          type="info"
          id="realname-confirm-warning"
          message="提交后不可自行修改。如信息有误，需联系区级管理员核实后更正。"
        />
        <Button
          id="realname-confirm-submit"
          className="btn btn--primary"
          loading={form.submitting}
          disabled={form.submitting}
          onClick={() => void form.confirm()}
        >
          确认提交
        </Button>
        <Button id="realname-back" className="btn btn--plain" disabled={form.submitting} onClick={form.back}>
          返回修改
        </Button>
      </View>
    );
  }

  return (
    <View className="card" id="realname-form" key="form">
      <Text className="card__title">实名认证</Text>
      <Text className="muted">报名志愿活动、预约法律咨询前需完成实名认证。身份证号加密保存，页面只显示部分号码。</Text>
      <Notice message={form.formError} id="realname-error" />
      <RealNameFields
        form={form}
        ids={{ name: 'realname-name', idNumber: 'realname-id' }}
        labels={{ name: '真实姓名', idNumber: '身份证号' }}
        placeholders={{ name: '与身份证一致，少数民族姓名用“·”隔开', idNumber: '18 位居民身份证号' }}
      />
      <Button
        id="realname-submit"
        className="btn btn--primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        下一步
      </Button>
    </View>
  );
}
