import { Button, Picker, Text, View } from '@tarojs/components';
import type { TRole } from '@shared/enums';
import { ROLE_LABELS } from '@shared/enums';
import type { TRoleGrant } from '@shared/schemas/auth';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { GRANTABLE_ROLES, ROLE_SCOPES, SCOPE_LABELS, type TScopeType } from '../../services/admin';
import type { TFormApi } from '../../hooks/useForm';

type TGrantValues = Partial<TRoleGrant> & { role: TRole };

/** Role + scope picker shared by the user page and the new-staff page. */
export function RoleGrantFields({ form, idPrefix }: { form: TFormApi<TGrantValues>; idPrefix: string }) {
  const role = form.values.role;
  const scopes = ROLE_SCOPES[role] ?? [];
  const roleIndex = Math.max(0, GRANTABLE_ROLES.indexOf(role));
  const scopeIndex = Math.max(0, scopes.indexOf(form.values.scopeType as TScopeType));

  return (
    <View>
      <Picker
        mode='selector'
        range={GRANTABLE_ROLES.map((r) => ROLE_LABELS[r])}
        value={roleIndex}
        onChange={(e) => {
          const next = GRANTABLE_ROLES[Number(e.detail.value)];
          form.setField('role', next);
          form.setField('scopeType', ROLE_SCOPES[next]?.[0]);
        }}
      >
        <View className='row' id={`${idPrefix}-role`}>
          <Text className='row__label'>角色</Text>
          <Text>{ROLE_LABELS[role]} ▾</Text>
        </View>
      </Picker>
      {form.errors.role ? <Text className='field-error'>{form.errors.role}</Text> : null}
      {scopes.length > 1 ? (
        <Picker
          mode='selector'
          range={scopes.map((s) => SCOPE_LABELS[s])}
          value={scopeIndex}
          onChange={(e) => form.setField('scopeType', scopes[Number(e.detail.value)])}
        >
          <View className='row' id={`${idPrefix}-scope-type`}>
            <Text className='row__label'>范围类型</Text>
            <Text>{SCOPE_LABELS[scopes[scopeIndex]]} ▾</Text>
          </View>
        </Picker>
      ) : null}
      {scopes.length ? (
        <FormField
          id={`${idPrefix}-scope-id`}
          label={`${SCOPE_LABELS[scopes[scopeIndex]]}编号`}
          value={form.values.scopeId ?? ''}
          error={form.errors.scopeId}
          maxlength={64}
          onChange={(v) => form.setField('scopeId', v)}
        />
      ) : null}
      {role === 'law_student' ? (
        <FormField
          id={`${idPrefix}-supervisor`}
          label='指导律师账号编号'
          value={form.values.supervisorId ?? ''}
          error={form.errors.supervisorId}
          maxlength={64}
          onChange={(v) => form.setField('supervisorId', v)}
        />
      ) : null}
    </View>
  );
}

export function RoleGrantForm({ form }: { form: TFormApi<TGrantValues> }) {
  return (
    <View className='card' id='grant-role'>
      <Text className='card__title'>授予角色</Text>
      <Notice message={form.formError} id='grant-role-error' />
      <RoleGrantFields form={form} idPrefix='grant' />
      <Button
        id='grant-role-submit'
        className='btn btn--primary'
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        授予
      </Button>
    </View>
  );
}
