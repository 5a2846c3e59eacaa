import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { roleLabel } from '../../../components/me/ProfileCard';
import { RoleGrantForm } from '../../../components/admin/RoleGrantForm';
import { RealNameCorrection } from '../../../components/admin/RealNameCorrection';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAdminUser } from '../../../hooks/useAdminUser';
import { SCOPE_LABELS, type TScopeType } from '../../../services/admin';
import { formatTime } from '../../../services/format';
import { ROUTES, go } from '../../../services/nav';

export default function AdminUserPage() {
  const guard = useStaffGuard('district_admin');
  const { params } = useRouter();
  const page = useAdminUser(params.id);
  const { user } = page;
  const disabled = user?.status === 'disabled';

  if (!guard.allowed || !user) {
    return (
      <PageShell title="账号详情">
        <Notice message={guard.user && !guard.allowed ? '仅区级管理员可以管理账号。' : null} id="admin-forbidden" />
        {guard.allowed ? (
          <Button className="btn btn--plain" onClick={() => go(ROUTES.adminUsers)}>
            返回人员列表
          </Button>
        ) : null}
      </PageShell>
    );
  }

  return (
    <PageShell title="账号详情">
      <Notice message={page.error} id="admin-user-error" />
      <Notice type="success" message={page.success} id="admin-user-success" />
      <View className="card" id="admin-user-info">
        <Text className="card__title">{user.displayName}</Text>
        <View className="row">
          <Text className="row__label">类型</Text>
          <Text>{user.kind === 'staff' ? `工作人员 ${user.username ?? ''}` : '居民'}</Text>
        </View>
        <View className="row">
          <Text className="row__label">状态</Text>
          <Text id="admin-user-status">
            {disabled ? '已停用（无法登录）' : '正常'}
          </Text>
        </View>
        <View className="row">
          <Text className="row__label">手机号</Text>
          <Text>{user.phoneMasked ?? '未绑定'}</Text>
        </View>
        <View className="row">
          <Text className="row__label">实名</Text>
          <Text>{user.realName ? `${user.realName.nameMasked} ${user.realName.idNumberMasked}` : '未认证'}</Text>
        </View>
        <View className="row">
          <Text className="row__label">创建时间</Text>
          <Text>{formatTime(user.createdAt)}</Text>
        </View>
        {page.personal ? (
          <View id="admin-user-personal">
            <View className="row">
              <Text className="row__label">真实姓名</Text>
              <Text>{page.personal.realName ?? '—'}</Text>
            </View>
            <View className="row">
              <Text className="row__label">完整手机号</Text>
              <Text>{page.personal.phone ?? '—'}</Text>
            </View>
          </View>
        ) : (
          <Button
            id="admin-view-personal"
            className="btn btn--plain"
            loading={page.busy === 'personal'}
            disabled={!!page.busy}
            onClick={() => void page.viewPersonal()}
          >
            查看完整姓名与手机号（将记入审计）
          </Button>
        )}
      </View>

      <View className="card" id="admin-user-roles">
        <Text className="card__title">角色</Text>
        {user.roles.length === 0 ? <Text className="muted">暂无角色</Text> : null}
        {user.roles.map((r, i) => (
          <View className="row" key={`${r.role}-${i}`}>
            <Text>
              {roleLabel(r.role)}
              {r.scopeId ? ` · ${SCOPE_LABELS[r.scopeType as TScopeType] ?? r.scopeType ?? ''} ${r.scopeId}` : ''}
            </Text>
            <Text
              className="link role-revoke"
              id={`role-revoke-${i}`}
              onClick={() => !page.busy && void page.revoke(i)}
            >
              收回
            </Text>
          </View>
        ))}
      </View>

      <RoleGrantForm form={page.grantForm} />

      <RealNameCorrection user={user} onCorrected={page.update} />

      <Button
        id="admin-toggle-disabled"
        className={disabled ? 'btn btn--primary' : 'btn btn--danger'}
        loading={page.busy === 'disable'}
        disabled={!!page.busy}
        onClick={() => void page.setDisabled(!disabled)}
      >
        {/* A Text, not bare text: React would set the button's textContent and remove the
            loading icon Taro's web component keeps in it (insertBefore NotFoundError). */}
        <Text>{disabled ? '启用账号' : '停用账号'}</Text>
      </Button>
    </PageShell>
  );
}
