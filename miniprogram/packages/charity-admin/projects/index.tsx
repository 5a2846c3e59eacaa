import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import { DONATION_LIMITS, fenToYuan } from '@shared/schemas/donations';
import { FieldShell } from '../../../components/FieldShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { ImagesField } from '../../../components/charity/ImagesField';
import { ProjectProgress } from '../../../components/charity/ProjectProgress';
import { useAsync } from '../../../hooks/useAsync';
import { usePagedList } from '../../../hooks/usePagedList';
import { useProjectEditor } from '../../../hooks/charity/useProjectEditor';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAction } from '../../../hooks/volunteering/useAction';
import { COVER_UPLOAD_PATH, donationsApi } from '../../../services/donations';
import { ROUTES, go } from '../../../services/nav';
import { withQuery } from '../../../services/routes';
import '../../charity/charity.scss';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * District admin (and a charity's staff, for its own): create and edit draft projects (cover,
 * goal, dates), send them to review, close, record disbursements. The list loads 20 at a time.
 */
export default function AdminProjectsPage() {
  useStaffGuard();
  const charities = useAsync(() => donationsApi.charities(), []);
  const list = usePagedList((page, pageSize) => donationsApi.adminProjects({ page, pageSize }));
  const { reload: loadList } = list;
  useEffect(() => void loadList(), [loadList]);
  const action = useAction();
  const editor = useProjectEditor(() => {
    void list.reload();
    action.clear();
  });
  const { draft, set, errors } = editor;
  const options = charities.data?.items ?? [];
  const charityIndex = options.findIndex((c) => c.id === draft.charityId);

  return (
    <PageShell title="公益项目管理">
      <Notice message={list.error ?? action.error} id="projects-admin-error" />
      <Notice message={action.success} type="success" id="projects-admin-message" />
      <View className="card ch-item" id="project-form">
        <Text className="card__title">{editor.editingId ? '修改项目' : '新建项目'}</Text>
        <FieldShell id="project-charity" label="发起机构" error={errors.charityId}>
          <Picker id="project-charity" mode="selector" range={options.map((c) => c.name)} value={Math.max(0, charityIndex)} onChange={(e) => set('charityId', options[Number(e.detail.value)]?.id ?? '')}>
            <View className="field__input picker-field__value" id="project-charity-value">{options[charityIndex]?.name ?? '请选择'}</View>
          </Picker>
        </FieldShell>
        <FormField id="project-title" label="项目名称" value={draft.title} error={errors.title} maxlength={DONATION_LIMITS.titleMax} onChange={(v) => set('title', v)} />
        <TextAreaField id="project-story" label="项目介绍" value={draft.story} error={errors.story} maxlength={DONATION_LIMITS.storyMax} height={240} onChange={(v) => set('story', v)} />
        <ImagesField id="project-cover" label="封面图片（可选，不超过 5MB）" path={COVER_UPLOAD_PATH} value={draft.cover} max={1} error={errors.coverId} onChange={(v) => set('cover', v)} />
        <FormField id="project-goal" label="目标金额（元）" type="digit" value={draft.goalYuan} error={errors.goalFen} onChange={(v) => set('goalYuan', v)} />
        <PickerField id="project-start" label="开始日期" mode="date" value={draft.startDate} start={today()} error={errors.startAt} onChange={(v) => set('startDate', v)} />
        <PickerField id="project-end" label="结束日期" mode="date" value={draft.endDate} start={draft.startDate || today()} error={errors.endAt} onChange={(v) => set('endDate', v)} />
        <Notice message={editor.formError} id="project-form-error" />
        {/* Keyed on the mode: Taro H5's Stencil button cannot patch its label in place. */}
        <Button key={editor.editingId ? 'save' : 'new'} id="project-submit" className="btn btn--primary" loading={editor.busy} onClick={() => void editor.submit()}>
          {editor.editingId ? '保存修改' : '保存为草稿'}
        </Button>
        {editor.editingId ? (
          <Text className="link" id="project-edit-cancel" onClick={() => editor.edit(null)}>
            取消修改
          </Text>
        ) : null}
      </View>
      <View id="admin-projects">
        {list.items.map((p) => (
          <View key={p.id} className="card ch-item" id={`admin-project-${p.id}`}>
            <Text className="ch-title">{p.title}</Text>
            <Text className="ch-meta">{`${p.statusLabel} · ${p.charity.name} · 余额 ${fenToYuan(p.totals.balanceFen)} 元`}</Text>
            {p.reviewNote ? <Text className="ch-meta">{`审核意见：${p.reviewNote}`}</Text> : null}
            <ProjectProgress project={p} id={`admin-project-${p.id}-progress`} />
            <View className="row">
              {p.abilities.edit ? (
                <Text className="link" id={`admin-project-${p.id}-edit`} onClick={() => {
                  editor.edit(p);
                  void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
                }}>
                  修改
                </Text>
              ) : null}
              {p.abilities.publish ? (
                <Text className="link" id={`admin-project-${p.id}-publish`} onClick={() => void action.run(`publish-${p.id}`, async () => {
                  const r = await donationsApi.publishProject(p.id);
                  void list.reload();
                  return r.status === 'published' ? '项目已发布' : '项目已提交内容审核，通过后发布';
                }, { title: '发布项目', content: `发布「${p.title}」后居民即可捐赠，确定发布吗？`, confirmText: '发布' })}>
                  发布
                </Text>
              ) : null}
              {p.abilities.close ? (
                <Text className="link" id={`admin-project-${p.id}-close`} onClick={() => void action.run(`close-${p.id}`, async () => {
                  await donationsApi.closeProject(p.id);
                  void list.reload();
                  return '项目已结束募捐';
                }, { title: '结束募捐', content: `结束「${p.title}」后不再接受捐赠，且不能重新开启。确定结束吗？`, confirmText: '结束', danger: true })}>
                  结束募捐
                </Text>
              ) : null}
              {p.status === 'published' || p.status === 'closed' ? (
                <Text className="link" id={`admin-project-${p.id}-disburse`} onClick={() => go(withQuery(ROUTES.charityAdminDisburse, { id: p.id }))}>
                  登记拨付
                </Text>
              ) : null}
              <Text className="link" onClick={() => go(withQuery(ROUTES.charityProject, { id: p.id }))}>公开页</Text>
            </View>
          </View>
        ))}
      </View>
      {list.more ? (
        <Button id="admin-projects-more" className="btn btn--plain" loading={list.loading} onClick={() => void list.more?.()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
