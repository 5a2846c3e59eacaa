import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PageShell } from '../../components/PageShell';
import { Notice } from '../../components/Notice';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProfileCard } from '../../components/me/ProfileCard';
import { RealNameSection } from '../../components/me/RealNameSection';
import { PhoneSection } from '../../components/me/PhoneSection';
import { ElderModeRow } from '../../components/me/ElderModeRow';
import { InboxSection } from '../../components/me/InboxSection';
import { useSession } from '../../hooks/useSession';
import { useAccountActions } from '../../hooks/useAccount';
import { useClientConfig } from '../../hooks/useClientConfig';
import { ROUTES, go, loginRoute, replace } from '../../services/nav';
import { isStaff } from '../../services/session';
import { VROUTES } from '../../hooks/volunteering/routes';

export default function MePage() {
  const session = useSession();
  const { user } = session;
  const actions = useAccountActions();
  const { config } = useClientConfig();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);

  useDidShow(() => {
    if (!session.token) return;
    session
      .refresh()
      .then(() => setRefreshError(null))
      .catch((e: Error) => setRefreshError(e.message));
  });

  if (!user) {
    return (
      <PageShell title="我的">
        <View className="card" id="me-login">
          <Text className="card__title">尚未登录</Text>
          <Text className="muted">登录后可管理实名认证、手机号和个人数据。</Text>
          <Button id="me-login-button" className="btn btn--primary" onClick={() => go(loginRoute())}>
            去登录
          </Button>
        </View>
        <ElderModeRow />
        <View className="card">
          <Text className="link" id="privacy-policy-link" onClick={() => go(ROUTES.consent)}>
            隐私政策 ›
          </Text>
        </View>
      </PageShell>
    );
  }

  const resident = user.kind === 'resident';
  return (
    <PageShell title="我的">
      <Notice message={refreshError} id="me-refresh-error" />
      {user.consent.required ? (
        <View className="toast toast--info" id="me-consent-required" onClick={() => go(ROUTES.consent)}>
          <Text>请先阅读并同意隐私政策 ›</Text>
        </View>
      ) : null}
      <Notice message={actions.error} id="me-action-error" />
      <Notice type="success" message={actions.success} id="me-action-success" />

      <ProfileCard user={user} />

      {isStaff(user) ? (
        <View className="card">
          <Button id="staff-portal-entry" className="btn btn--primary" onClick={() => go(ROUTES.staffPortal)}>
            进入工作台
          </Button>
        </View>
      ) : null}

      {resident ? <RealNameSection user={user} /> : null}
      {resident ? (
        <PhoneSection
          user={user}
          devLogin={!!config?.devLogin}
          busy={actions.busy === 'phone'}
          onCode={(code) => void actions.bindPhone(code)}
          onFail={actions.fail}
        />
      ) : null}

      {resident ? (
        <View className="card" id="me-volunteer">
          <Text className="card__title">志愿者</Text>
          <View className="row" id="me-volunteer-register" onClick={() => go(VROUTES.register)}>
            <Text>志愿者注册与资料</Text>
            <Text className="link">›</Text>
          </View>
          <View className="row" id="me-volunteer-signups" onClick={() => go(VROUTES.mySignups)}>
            <Text>我的报名</Text>
            <Text className="link">›</Text>
          </View>
          <View className="row" id="me-volunteer-hours" onClick={() => go(VROUTES.hours)}>
            <Text>服务时长与证明</Text>
            <Text className="link">›</Text>
          </View>
        </View>
      ) : null}

      <InboxSection enabled={!user.consent.required} />

      <ElderModeRow />

      <View className="card" id="privacy-section">
        <Text className="card__title">隐私与数据</Text>
        <View className="row" onClick={() => go(ROUTES.consent)}>
          <Text id="privacy-policy-link">隐私政策</Text>
          <Text className="muted">{user.consent.version ? `已同意 ${user.consent.version}` : '未同意'} ›</Text>
        </View>
        <Button
          id="export-data"
          className="btn btn--plain"
          loading={actions.busy === 'export'}
          disabled={!!actions.busy}
          onClick={() => void actions.exportData()}
        >
          导出我的数据
        </Button>
        {resident ? (
          <Button
            id="delete-account"
            className="btn btn--danger"
            disabled={!!actions.busy}
            onClick={() => setConfirmDelete(true)}
          >
            注销账号
          </Button>
        ) : null}
      </View>

      <Button
        id="logout"
        className="btn btn--plain"
        onClick={() => void session.logout().then(() => replace(ROUTES.home))}
      >
        退出登录
      </Button>

      <ConfirmDialog
        id="delete-account-dialog"
        open={confirmDelete}
        danger
        title="确认注销账号？"
        message="注销后，您的个人信息将被删除或匿名化，且无法恢复；已确认的志愿服务时长等记录将以匿名方式保留。"
        confirmText="确认注销"
        busy={actions.busy === 'delete'}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          void actions.deleteAccount().then(() => setConfirmDelete(false));
        }}
      />
    </PageShell>
  );
}
