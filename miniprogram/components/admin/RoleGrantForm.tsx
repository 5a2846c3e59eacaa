import { Button, Picker, Text, View } from '@tarojs/components';
import type { TRole } from '@shared/enums';
import { ROLE_LABELS } from '@shared/enums';
import type { TRoleGrant } from '@shared/schemas/auth';
import { OptionPicker } from './OptionPicker';
import { useLawyerOptions, useScopeOptions } from '../../hooks/useScopeOptions';
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
  const scopeOptions = useScopeOptions(scopes[scopeIndex]);
  const lawyers = useLawyerOptions(role === 'law_student');

  return (
    <View>
      <Picker
        mode="selector"
        range={GRANTABLE_ROLES.map((r) => ROLE_LABELS[r])}
        value={roleIndex}
        onChange={(e) => {
          const next = GRANTABLE_ROLES[Number(e.detail.value)];
          form.setField('role', next);
          form.setField('scopeType', ROLE_SCOPES[next]?.[0]);
          form.setField('scopeId', '');
          form.setField('supervisorId', '');
        }}
      >
        <View className="row" id={`${idPrefix}-role`}>
          <Text className="row__label">角色</Text>
          <Text>{ROLE_LABELS[role]} ▾</Text>
        </View>
      </Picker>
      {form.errors.role ? <Text className="field-error">{form.errors.role}</Text> : null}
      {scopes.length > 1 ? (
        <Picker
          mode="selector"
          range={scopes.map((s) => SCOPE_LABELS[s])}
          value={scopeIndex}
          onChange={(e) => {
            form.setField('scopeType', scopes[Number(e.detail.value)]);
            form.setField('scopeId', '');
          }}
        >
          <View className="row" id={`${idPrefix}-scope-type`}>
            <Text className="row__label">范围类型</Text>
            <Text>{SCOPE_LABELS[scopes[scopeIndex]]} ▾</Text>
          </View>
        </Picker>
      ) : null}
      {scopes.length ? (
        <OptionPicker
          id={`${idPrefix}-scope-id`}
          label={SCOPE_LABELS[scopes[scopeIndex]]}
          options={scopeOptions.data}
          loading={scopeOptions.loading}
          value={form.values.scopeId}
          error={form.errors.scopeId ?? scopeOptions.error ?? undefined}
          emptyText={`暂无可选的${SCOPE_LABELS[scopes[scopeIndex]]}`}
          onChange={(id) => form.setField('scopeId', id)}
        />
      ) : null}
      {role === 'law_student' ? (
        <OptionPicker
          id={`${idPrefix}-supervisor`}
          label="指导律师"
          options={lawyers.data}
          loading={lawyers.loading}
          value={form.values.supervisorId}
          error={form.errors.supervisorId ?? lawyers.error ?? undefined}
          emptyText="暂无律师账号"
          onChange={(id) => form.setField('supervisorId', id)}
        />
      ) : null}
    </View>
  );
}

export function RoleGrantForm({ form }: { form: TFormApi<TGrantValues> }) {
  return (
    <View className="card" id="grant-role">
      <Text className="card__title">授予角色</Text>
      <Notice message={form.formError} id="grant-role-error" />
      <RoleGrantFields form={form} idPrefix="grant" />
      <Button
        id="grant-role-submit"
        className="btn btn--primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        授予
      </Button>
    </View>
  );
}
