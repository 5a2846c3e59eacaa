import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '../../../components/Button';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { CertificateQueue } from '../../../components/volunteering/CertificateQueue';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useCertificateQueue } from '../../../hooks/volunteering/useCertificateQueue';
import { VROUTES, withQuery } from '../../../hooks/volunteering/routes';
import { go } from '../../../services/nav';
import '../../../components/volunteering/volunteering.scss';

/**
 * 证明确认 for a team's admins: the service-record certificates members asked the team to issue
 * (when the district requires confirmation). The confirming admin is the paper's 经办人.
 */
export default function TeamCertificatesPage() {
  const t = useTeamAdmin(useRouter().params.team);
  const q = useCertificateQueue(t.teamId, t.allowed);
  if (!t.allowed) {
    return (
      <PageShell title="证明确认">
        <Notice message={t.user ? '您不是该团队的管理员。' : null} id="team-forbidden" />
      </PageShell>
    );
  }
  return (
    <PageShell title={`${t.team?.name ?? '团队'} · 证明确认`}>
      <Notice message={t.teamError} id="team-load-error" />
      <Text className="muted">确认后证明上的经办人为您本人；如区里开启公示，证明将向本团队成员公示 7 天后生效。</Text>
      <CertificateQueue q={q} title="待本团队确认的证明" />
      <Button
        id="team-cert-listing"
        className="btn btn--plain"
        onClick={() => go(withQuery(VROUTES.certificateListing, { team: t.teamId }))}
      >
        查看公示中的证明
      </Button>
    </PageShell>
  );
}
