import { Text, View } from '@tarojs/components';
import type { TUserDto } from '@shared/schemas/auth';
import { ROLE_LABELS, type TRole } from '@shared/enums';

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as TRole] ?? role;
}

export function ProfileCard({ user }: { user: TUserDto }) {
  const roles = Array.from(new Set(user.roles.map((r) => roleLabel(r.role))));
  return (
    <View className="card" id="profile">
      <Text className="page__title" id="profile-name">
        {user.displayName}
      </Text>
      <View className="row">
        <Text className="row__label">账号类型</Text>
        <Text>{user.kind === 'staff' ? `工作人员${user.username ? `（${user.username}）` : ''}` : '居民'}</Text>
      </View>
      <View className="row">
        <Text className="row__label">手机号</Text>
        <Text>{user.phoneMasked ?? '未绑定'}</Text>
      </View>
      <View className="row">
        <Text className="row__label">实名状态</Text>
        <Text id="profile-realname">{user.realName ? `已认证 ${user.realName.nameMasked}` : '未认证'}</Text>
      </View>
      {roles.length ? (
        <View className="row">
          <Text className="row__label">身份</Text>
          <Text>{roles.join('、')}</Text>
        </View>
      ) : null}
    </View>
  );
}
