import { Button, Image, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { LedgerList } from '../../../components/charity/LedgerList';
import { ProjectProgress } from '../../../components/charity/ProjectProgress';
import { useAsync } from '../../../hooks/useAsync';
import { donationsApi } from '../../../services/donations';
import { mediaUrl } from '../../../services/media';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../charity.scss';

/** A project: story, cover, the charity with its registration and filing numbers, progress and the public ledger. */
export default function CharityProjectPage() {
  const projectId = useRouter().params.id ?? '';
  const project = useAsync(() => donationsApi.project(projectId), [projectId]);
  const ledger = useAsync(() => donationsApi.ledger(projectId), [projectId]);
  // Back from donating: show the new totals.
  useDidShow(() => {
    if (project.data) void Promise.all([project.reload(), ledger.reload()]);
  });
  const p = project.data;
  return (
    <PageShell title={p?.title ?? '项目详情'}>
      <Notice message={project.error ?? ledger.error} id="project-error" />
      {p ? (
        <View className="card ch-item" id="project-detail" data-id={p.id}>
          {p.coverUrl ? <Image className="ch-cover" id="project-cover" src={mediaUrl(p.coverUrl)} mode="aspectFill" /> : null}
          <Text className="ch-title" id="project-title">{p.title}</Text>
          <ProjectProgress project={p} id="project-progress" />
          <Text className="ch-notice" id="project-notice">{p.fundraisingNotice}</Text>
          <View className="row">
            <Text className="row__label">发起机构</Text>
            <Text id="project-charity">{p.charity.name}</Text>
          </View>
          <View className="row">
            <Text className="row__label">统一社会信用代码</Text>
            <Text id="project-uscc">{p.charity.uscc}</Text>
          </View>
          <View className="row">
            <Text className="row__label">公开募捐备案号</Text>
            <Text id="project-filing">{p.charity.filingNumber}</Text>
          </View>
          <Text className="ch-story" id="project-story">{p.story}</Text>
          {p.abilities.donate || (p.status === 'published' && !p.abilities.edit) ? (
            <Button id="project-donate" className="btn btn--primary" onClick={() => go(withQuery(ROUTES.charityDonate, { id: p.id }))}>
              我要捐赠
            </Button>
          ) : (
            <Text className="muted">项目{p.statusLabel}</Text>
          )}
        </View>
      ) : null}
      {ledger.data ? <LedgerList ledger={ledger.data} /> : null}
    </PageShell>
  );
}
