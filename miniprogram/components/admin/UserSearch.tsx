import { Button, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { useUserSearch } from '../../hooks/useIdentityAdmin';
import { rememberSelectedUser } from '../../services/admin';
import { ROUTES, go } from '../../services/nav';
import './identity.scss';

const BY = [
  { key: 'phone', label: '按手机号', placeholder: '完整的 11 位手机号' },
  { key: 'name', label: '按实名姓名', placeholder: '完整的真实姓名' },
] as const;

/**
 * 精确查找: the full phone number or full verified name, matched through the server's keyed
 * hash (names are stored encrypted, so there is no partial match). Every search is audited.
 */
export function UserSearch() {
  const s = useUserSearch();
  const by = BY.find((b) => b.key === s.values.by) ?? BY[0];
  return (
    <View className="card" id="user-search">
      <Text className="card__title">精确查找居民</Text>
      <View className="identity__tabs">
        {BY.map((b) => (
          <Text
            key={b.key}
            id={`user-search-by-${b.key}`}
            className={`identity__tab${b.key === s.values.by ? ' identity__tab--on' : ''}`}
            onClick={() => s.setField('by', b.key)}
          >
            {b.label}
          </Text>
        ))}
      </View>
      <FormField
        id="user-search-q"
        label={by.label.slice(1)}
        type={by.key === 'phone' ? 'number' : 'text'}
        value={s.values.q}
        error={s.errors.q}
        placeholder={by.placeholder}
        maxlength={by.key === 'phone' ? 14 : 30}
        onChange={(v) => s.setField('q', v)}
      />
      <Text className="muted">须输入完整信息；每次查找都记入审计日志。</Text>
      <Notice message={s.formError} id="user-search-error" />
      <Button
        id="user-search-submit"
        className="btn btn--primary"
        loading={s.submitting}
        disabled={s.submitting}
        onClick={() => void s.submit()}
      >
        查找
      </Button>
      {s.results && s.results.length === 0 ? (
        <Text className="muted" id="user-search-none">
          没有找到该{by.key === 'phone' ? '手机号' : '姓名'}的账号
        </Text>
      ) : null}
      {s.results?.map((u) => (
        <View
          key={u.id}
          className="identity__result"
          id={`user-search-result-${u.id}`}
          onClick={() => {
            rememberSelectedUser(u);
            go(`${ROUTES.adminUser}?id=${encodeURIComponent(u.id)}`);
          }}
        >
          <Text>
            {u.displayName}
            {u.realName ? ` · ${u.realName.nameMasked}` : ''}
            {u.phoneMasked ? ` · ${u.phoneMasked}` : ''}
          </Text>
          <Text className="link">›</Text>
        </View>
      ))}
    </View>
  );
}
