import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { roleLabel } from '../../../components/me/ProfileCard';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { ROUTES, go, replace } from '../../../services/nav';
import { entriesFor } from './entries';
import './index.scss';

/** Staff home: one entry per feature the user's roles unlock. */
export default function StaffPortalPage() {
  const session = useStaffGuard();
  const { user } = session;
  useDidShow(() => void session.refresh().catch(() => undefined));

  if (!user) return <PageShell title="工作台" />;
  const entries = entriesFor(user.roles.map((r) => r.role));

  return (
    <PageShell title="工作台">
      <View className="card" id="portal-user">
        <Text className="card__title">{user.displayName}</Text>
        <View className="portal__roles">
          {user.roles.map((r, i) => (
            <Text key={i} className="portal__role">
              {roleLabel(r.role)}
              {r.scopeId ? `（${r.scopeType ?? ''} ${r.scopeId}）` : ''}
            </Text>
          ))}
        </View>
      </View>
      {!session.allowed ? <Notice message="当前账号不是工作人员账号，工作台不可用。" id="portal-not-staff" /> : null}
      {session.allowed && entries.length === 0 ? (
        <Notice type="info" message="您的账号还没有分配角色，请联系区级管理员。" id="portal-no-roles" />
      ) : null}
      <View id="portal-entries">
        {entries.map((e) => (
          <View
            key={e.key}
            id={`portal-${e.key}`}
            className={`card portal__entry${e.url ? '' : ' portal__entry--disabled'}`}
            onClick={e.url ? () => go(e.url!) : undefined}
          >
            <View>
              <Text className="card__title">{e.title}</Text>
              <Text className="muted">{e.description}</Text>
            </View>
            <Text className={e.url ? 'link' : 'muted'}>{e.url ? '进入 ›' : '即将开放'}</Text>
          </View>
        ))}
      </View>
      <Button
        id="portal-logout"
        className="btn btn--plain"
        onClick={() => void session.logout().then(() => replace(ROUTES.home))}
      >
        退出登录
      </Button>
    </PageShell>
  );
}
