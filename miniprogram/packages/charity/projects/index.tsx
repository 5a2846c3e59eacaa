import { Image, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { ProjectProgress } from '../../../components/charity/ProjectProgress';
import { useAsync } from '../../../hooks/useAsync';
import { donationsApi } from '../../../services/donations';
import { mediaUrl } from '../../../services/media';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../charity.scss';

/** 公益捐赠: published projects with their progress, donors and days left. */
export default function CharityProjectsPage() {
  const list = useAsync(() => donationsApi.projects(), []);
  return (
    <PageShell title="公益捐赠">
      <View className="card v-item" id="charity-mine-link" onClick={() => go(ROUTES.charityMine)}>
        <Text>我的捐赠与捐赠确认</Text>
        <Text className="link">›</Text>
      </View>
      <Notice message={list.error} id="charity-projects-error" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无募捐中的项目" /> : null}
      <View id="charity-projects">
        {list.data?.items.map((p) => (
          <View key={p.id} className="card ch-item charity-project" id={`charity-project-${p.id}`} onClick={() => go(withQuery(ROUTES.charityProject, { id: p.id }))}>
            {p.coverUrl ? <Image className="ch-cover" src={mediaUrl(p.coverUrl)} mode="aspectFill" /> : null}
            <Text className="ch-title">{p.title}</Text>
            <Text className="ch-meta">{p.charity.name}</Text>
            <ProjectProgress project={p} id={`charity-project-${p.id}-progress`} />
          </View>
        ))}
      </View>
    </PageShell>
  );
}
