import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CERTIFICATE_LISTING_DAYS } from '@shared/schemas/volunteering/certificates';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { SkeletonCards } from '../../../components/Skeleton';
import { useSession } from '../../../hooks/useSession';
import { useCertificateListing } from '../../../hooks/volunteering/useCertificateListing';
import { formatDate } from '../../../services/format';
import { go, loginRoute } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/**
 * 证明公示 (民发〔2015〕149号): confirmed service-record certificates shown to the issuer's members
 * for 7 days before they take effect, so anyone who knows of an error can say so. Masked names only.
 * `?team=` is a team's list (its members); without it, the district's own certificates.
 */
export default function CertificateListingPage() {
  const { team } = useRouter().params;
  const { loggedIn } = useSession();
  const list = useCertificateListing(team, loggedIn);
  if (!loggedIn) {
    return (
      <PageShell title="证明公示">
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后查看
        </Button>
      </PageShell>
    );
  }
  const items = list.data?.items ?? [];
  return (
    <PageShell title="证明公示">
      <Text className="muted">
        以下志愿服务记录证明已由出具单位确认，公示 {CERTIFICATE_LISTING_DAYS} 天后生效。如有异议，请联系出具单位。
      </Text>
      <Notice message={list.error} id="cert-listing-error" />
      {list.loading && !list.data ? <SkeletonCards id="cert-listing-loading" count={2} /> : null}
      {list.data && items.length === 0 ? <EmptyState title="目前没有公示中的证明" /> : null}
      <View id="cert-listing">
        {items.map((c) => (
          <View key={c.serial} className="card v-item" id={`cert-listed-${c.serial}`}>
            <Text className="v-item__title">{c.holderNameMasked}</Text>
            <Text className="v-item__meta">
              {c.issuer} · {c.totalHours} 小时{c.volunteerNo ? ` · 志愿者编号 ${c.volunteerNo}` : ''}
            </Text>
            <Text className="v-item__meta">
              编号 {c.serial}
              {c.listedUntil ? ` · 公示至 ${formatDate(c.listedUntil)}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
