import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { useSession } from '../../hooks/useSession';
import { useHomeScreen } from '../../hooks/community/useHomeScreen';
import { formatMetres } from '../../services/home';
import { DOMAIN_ENTRIES, greetingFor } from '../../services/domains';
import { ROUTES, go, loginRoute } from '../../services/nav';
import { withQuery } from '../../services/routes';
import { isStaff } from '../../services/session';
import './index.scss';

export default function HomePage() {
  const { user } = useSession();
  const greeting = greetingFor();
  const home = useHomeScreen();
  const screen = home.data;

  return (
    <PageShell className="home">
      <View className="home__hero">
        <Text className="home__greeting" id="home-greeting">
          {user ? `${greeting}，${user.displayName}` : `${greeting}，欢迎来到邻里`}
        </Text>
        <Text className="home__sub">邻里互助，共建美好社区</Text>
      </View>

      {screen?.alerts.map((a) => (
        <View key={a.id} className="home__alert" id="home-alert" onClick={() => go(withQuery(ROUTES.notice, { id: a.id }))}>
          <Text className="home__alert-tag">紧急提醒</Text>
          <Text className="home__alert-title">{a.title}</Text>
        </View>
      ))}

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

      <View className="card home__community" id="home-community" onClick={() => go(ROUTES.chooseCommunity)}>
        <Text>{screen?.community ? `我的社区：${screen.community.name}` : '选择我的社区，查看附近服务与公告'}</Text>
        <Text className="link">›</Text>
      </View>

      {screen?.notices.length ? (
        <View className="home__section" id="home-notices">
          <View className="home__section-head" onClick={() => go(ROUTES.notices)}>
            <Text className="home__section-title">社区公告</Text>
            <Text className="link">更多 ›</Text>
          </View>
          {screen.notices.map((n) => (
            <View key={n.id} className="card home__line" onClick={() => go(withQuery(ROUTES.notice, { id: n.id }))}>
              <Text>{n.title}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {screen?.places.length ? (
        <View className="home__section" id="home-places">
          <View className="home__section-head" onClick={() => go(ROUTES.nearby)}>
            <Text className="home__section-title">附近服务</Text>
            <Text className="link">生活圈 ›</Text>
          </View>
          {screen.places.map((p) => (
            <View key={p.id} className="card home__line">
              <Text>{p.name}</Text>
              <Text className="home__meta">
                {p.typeLabel} · {formatMetres(p.distanceM)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {screen?.activities.length ? (
        <View className="home__section" id="home-activities">
          <View className="home__section-head" onClick={() => go(ROUTES.activities)}>
            <Text className="home__section-title">附近活动</Text>
            <Text className="link">更多 ›</Text>
          </View>
          {screen.activities.map((a) => (
            <View key={a.id} className="card home__line" onClick={() => go(withQuery(ROUTES.activity, { id: a.id }))}>
              <Text>{a.title}</Text>
              <Text className="home__meta">{formatMetres(a.distanceM)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
