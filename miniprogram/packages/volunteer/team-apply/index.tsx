import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { LocationField } from '../../../components/volunteering/LocationField';
import { useTeamApply } from '../../../hooks/volunteering/useTeamApply';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

const TEXT_FIELDS = [
  ['name', '团队名称', 40],
  ['hostOrg', '挂靠单位', 60],
  ['serviceArea', '服务区域', 60],
  ['address', '地址', 120],
  ['contactName', '联系人', 30],
  ['contactPhone', '联系电话', 20],
  ['intro', '团队简介（可选）', 1000],
] as const;

export default function TeamApplyPage() {
  const { form, created } = useTeamApply();
  if (created) {
    return (
      <PageShell title="申请已提交">
        <View className="card" id="team-apply-done" data-team-id={created.id}>
          <Text className="card__title">{created.name}</Text>
          <Text className="muted">区级管理员审核认证后，您将成为团队管理员，可以发布活动。</Text>
        </View>
        <Button className="btn btn--plain" onClick={() => go(withQuery(VROUTES.team, { id: created.id }))}>
          查看团队页
        </Button>
      </PageShell>
    );
  }
  const v = form.values;
  return (
    <PageShell title="申请成立志愿团队">
      <View className="card">
        {TEXT_FIELDS.map(([key, label, max]) => (
          <FormField
            key={key}
            id={`team-apply-${key}`}
            label={label}
            value={(v[key] as string) ?? ''}
            error={form.errors[key]}
            maxlength={max}
            type={key === 'contactPhone' ? 'number' : 'text'}
            onChange={(x) => form.setField(key, x)}
          />
        ))}
        <LocationField
          id="team-apply-location"
          value={v.location}
          error={form.errors.location ?? form.errors['location.lng']}
          onChange={(loc, address) => {
            form.setField('location', loc);
            if (address && !v.address) form.setField('address', address);
          }}
        />
        <Notice message={form.formError} id="team-apply-error" />
        <Button
          id="team-apply-submit"
          className="btn btn--primary"
          loading={form.submitting}
          onClick={() => void form.submit()}
        >
          提交申请
        </Button>
      </View>
    </PageShell>
  );
}
