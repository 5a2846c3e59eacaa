import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { ROLE_LABELS, ROLES } from '@shared/enums';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { UserSearch } from '../../../components/admin/UserSearch';
import { roleLabel } from '../../../components/me/ProfileCard';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAdminUsers } from '../../../hooks/useAdminUsers';
import { rememberSelectedUser } from '../../../services/admin';
import { ROUTES, go } from '../../../services/nav';
import './index.scss';

const ROLE_OPTIONS = ['全部角色', ...ROLES.map((r) => ROLE_LABELS[r])];

export default function AdminUsersPage() {
  const guard = useStaffGuard('district_admin');
  const list = useAdminUsers(guard.allowed);

  if (!guard.allowed) {
    return (
      <PageShell title="人员与角色">
        <Notice message={guard.user ? '仅区级管理员可以管理人员与角色。' : null} id="admin-forbidden" />
      </PageShell>
    );
  }

  const roleIndex = list.role ? ROLES.indexOf(list.role as (typeof ROLES)[number]) + 1 : 0;
  return (
    <PageShell title="人员与角色">
      <View className="card">
        <View className="admin__search">
          <Input
            id="admin-user-q"
            className="field__input admin__search-input"
            value={list.q}
            placeholder="姓名或用户名"
            confirmType="search"
            onInput={(e) => list.setQ(e.detail.value)}
            onConfirm={() => void list.search()}
          />
          <Button
            id="admin-user-search"
            className="btn btn--primary admin__search-btn"
            onClick={() => void list.search()}
          >
            搜索
          </Button>
        </View>
        <Picker
          mode="selector"
          range={ROLE_OPTIONS}
          value={roleIndex}
          onChange={(e) => {
            const i = Number(e.detail.value);
            list.setRole(i === 0 ? undefined : ROLES[i - 1]);
          }}
        >
          <View className="row" id="admin-user-role">
            <Text className="row__label">角色</Text>
            <Text>{ROLE_OPTIONS[roleIndex]} ▾</Text>
          </View>
        </Picker>
        <Button id="admin-new-staff" className="btn btn--plain" onClick={() => go(ROUTES.adminStaffNew)}>
          新建工作人员
        </Button>
      </View>

      <UserSearch />

      <Notice message={list.error} id="admin-users-error" />
      <Text className="muted">共 {list.total} 个账号</Text>
      {!list.loading && !list.error && list.items.length === 0 ? <EmptyState title="没有符合条件的账号" /> : null}
      {list.items.map((u) => (
        <View
          key={u.id}
          className="card admin__user"
          id={`admin-user-${u.id}`}
          onClick={() => {
            rememberSelectedUser(u);
            go(`${ROUTES.adminUser}?id=${encodeURIComponent(u.id)}`);
          }}
        >
          <View>
            <Text className="card__title">
              {u.displayName}
              {u.username ? `（${u.username}）` : ''}
            </Text>
            <Text className="muted">
              {u.kind === 'staff' ? '工作人员' : '居民'}
              {u.roles.length ? ` · ${u.roles.map((r) => roleLabel(r.role)).join('、')}` : ''}
              {u.status === 'disabled' ? ' · 已停用' : ''}
            </Text>
          </View>
          <Text className="link">›</Text>
        </View>
      ))}
      {list.more ? (
        <Button className="btn btn--plain" loading={list.loading} onClick={() => void list.more?.()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
