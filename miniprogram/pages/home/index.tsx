import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { useSession } from '../../hooks/useSession';
import { DOMAIN_ENTRIES, greetingFor } from '../../services/domains';
import { ROUTES, go, loginRoute } from '../../services/nav';
import { isStaff } from '../../services/session';
import './index.scss';

export default function HomePage() {
  const { user } = useSession();
  const greeting = greetingFor();

  return (
    <PageShell className="home">
      <View className="home__hero">
        <Text className="home__greeting" id="home-greeting">
          {user ? `${greeting}，${user.displayName}` : `${greeting}，欢迎来到邻里`}
        </Text>
        <Text className="home__sub">邻里互助，共建美好社区</Text>
      </View>

      {!user ? (
        <View className="card home__login" id="home-login" onClick={() => go(loginRoute())}>
          <Text>登录后可报名活动、预约咨询和上报问题</Text>
          <Text className="link">去登录 ›</Text>
        </View>
      ) : null}

      {isStaff(user) ? (
        <View className="card home__login" id="home-portal" onClick={() => go(ROUTES.staffPortal)}>
          <Text>您是工作人员</Text>
          <Text className="link">进入工作台 ›</Text>
        </View>
      ) : null}

      <View className="home__grid">
        {DOMAIN_ENTRIES.map((entry) => {
          const open = !!entry.url;
          return (
            <View
              key={entry.key}
              id={`entry-${entry.key}`}
              className={`home__entry${open ? '' : ' home__entry--disabled'}`}
              onClick={open ? () => go(entry.url!) : undefined}
              aria-disabled={!open}
            >
              <Text className="home__entry-title">{entry.title}</Text>
              <Text className="home__entry-desc">{entry.description}</Text>
              {open ? null : <Text className="home__badge">即将开放</Text>}
            </View>
          );
        })}
      </View>
    </PageShell>
  );
}
