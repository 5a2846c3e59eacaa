import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { SkeletonCards } from '../../../components/Skeleton';
import { CertificateStatusLine } from '../../../components/volunteering/CertificateStatusLine';
import { useSession } from '../../../hooks/useSession';
import { useMyHours } from '../../../hooks/volunteering/useMyHours';
import { HOURS_SOURCE_LABELS, HOURS_STATUS_LABELS, formatMinutes } from '../../../hooks/volunteering/labels';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { formatDate, formatTime } from '../../../services/format';
import { go, loginRoute } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

export default function MyHoursPage() {
  const { loggedIn } = useSession();
  const h = useMyHours(loggedIn);
  if (!loggedIn) {
    return (
      <PageShell title="我的时长与证明">
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后查看
        </Button>
      </PageShell>
    );
  }
  const totals = h.hours.data?.totals;
  const certs = h.certs.data?.items ?? [];
  return (
    <PageShell title="我的时长与证明">
      <Notice message={h.hours.error ?? h.certs.error} id="hours-load-error" />
      <View className="card" id="hours-totals">
        <View className="row">
          <Text className="row__label">已确认时长</Text>
          <Text id="hours-confirmed">{totals ? `${totals.confirmedHours} 小时` : '—'}</Text>
        </View>
        <View className="row">
          <Text className="row__label">待确认</Text>
          <Text id="hours-pending">{totals ? formatMinutes(totals.pendingMinutes) : '—'}</Text>
        </View>
      </View>
      <Button id="hours-leaderboard" className="btn btn--plain" onClick={() => go(VROUTES.leaderboard)}>
        服务时长排行榜
      </Button>

      <Text className="card__title">志愿服务记录证明</Text>
      <Notice message={h.action.error} id="certificate-error" />
      <Notice type="success" message={h.action.success} id="certificate-success" />
      <Button
        id="certificate-issue"
        className="btn btn--primary"
        loading={h.action.busy === 'issue'}
        onClick={() => void h.issue()}
      >
        生成证明（全部已确认时长）
      </Button>
      {h.teams.map((t) => (
        <Button
          key={t.id}
          id={`certificate-issue-team-${t.id}`}
          className="btn btn--plain"
          loading={h.action.busy === `issue-${t.id}`}
          onClick={() => void h.issue(t.id)}
        >
          由{t.name}出具（本团队时长）
        </Button>
      ))}
      <Button id="certificate-listing" className="btn btn--plain" onClick={() => go(VROUTES.certificateListing)}>
        证明公示
      </Button>
      {h.certs.loading && !h.certs.data ? <SkeletonCards id="certificate-loading" count={1} /> : null}
      <View id="certificate-list">
        {certs.map((c) => (
          <View
            key={c.serial}
            className="card v-item certificate"
            id={`certificate-${c.serial}`}
            data-serial={c.serial}
          >
            <Text className="v-item__title">编号 {c.serial}</Text>
            <Text className="v-item__meta">
              {c.totalHours} 小时 · {formatDate(c.issuedAt)}
            </Text>
            <CertificateStatusLine certificate={c} />
            <View className="v-actions">
              {c.status !== 'issued' ? null : (
                <Button
                  id={`certificate-${c.serial}-download`}
                  className="btn btn--plain certificate-download"
                  loading={h.action.busy === `download-${c.serial}`}
                  onClick={() => void h.download(c.serial)}
                >
                  下载 PDF
                </Button>
              )}
              <Button className="btn btn--plain" onClick={() => go(withQuery(VROUTES.verify, { serial: c.serial }))}>
                查验
              </Button>
            </View>
          </View>
        ))}
      </View>

      <Text className="card__title">时长明细</Text>
      {h.hours.loading && !h.hours.data ? <SkeletonCards id="hours-loading" count={2} /> : null}
      {h.hours.data && h.hours.data.items.length === 0 ? <EmptyState title="还没有服务时长记录" /> : null}
      <View id="hours-list">
        {(h.hours.data?.items ?? []).map((e) => (
          <View key={e.id} className="card v-item hours-entry" id={`hours-${e.id}`} data-status={e.status}>
            <Text className="v-item__title">{e.activityTitle}</Text>
            <Text className="v-item__meta">
              {formatTime(e.serviceDate)} · {HOURS_SOURCE_LABELS[e.source] ?? e.source}
              {e.autoCheckedOut ? ' · 自动签退' : ''}
            </Text>
            <Text className={`v-badge${e.status === 'confirmed' ? '' : ' v-badge--warn'}`}>
              {HOURS_STATUS_LABELS[e.status] ?? e.status} {formatMinutes(e.minutes)}
            </Text>
            {e.reason ? <Text className="v-item__meta">原因：{e.reason}</Text> : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
