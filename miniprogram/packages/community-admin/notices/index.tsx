import { Button, Picker, Switch, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, NOTICE_LIMITS } from '@shared/schemas/community/notices';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldShell } from '../../../components/FieldShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { NoticeBodyField } from '../../../components/community/NoticeBodyField';
import { NoticeFilesField } from '../../../components/community/NoticeFilesField';
import { PickerField } from '../../../components/PickerField';
import { useAsync } from '../../../hooks/useAsync';
import { useNoticeEditor } from '../../../hooks/community/useNoticeEditor';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { communityApi } from '../../../services/community';
import { formErrorsFrom } from '../../../services/form-errors';
import { formatTime } from '../../../services/format';
import { hasRole } from '../../../services/session';
import '../../community/community.scss';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** District and community admins: publish notices and urgent alerts, see read counts, edit a published one, withdraw. */
export default function CommunityNoticesAdminPage() {
  const { user } = useStaffGuard();
  const district = !!user && hasRole(user, 'district_admin');
  const communities = useAsync(() => communityApi.communities(), []);
  const list = useAsync(() => communityApi.adminNotices({}), []);
  const [message, setMessage] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const editor = useNoticeEditor((outcome) => {
    setMessage(outcome === 'held_for_review' ? '公告含需审核的内容，已提交内容审核，通过后发布' : outcome === 'updated' ? '公告已修改' : '公告已发布');
    void list.reload();
  });
  const { draft, set, errors } = editor;
  const mine = new Set((user?.roles ?? []).filter((r) => r.role === 'community_admin').map((r) => r.scopeId));
  const audience = [
    ...(district ? [{ id: '', name: '全区' }] : []),
    ...(communities.data?.items ?? []).filter((c) => district || mine.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
  ];
  const audienceIndex = Math.max(0, audience.findIndex((a) => a.id === draft.communityId));
  // A community admin cannot address the whole district: start on their first community.
  const firstCommunity = !district && !draft.communityId ? audience[0]?.id : undefined;
  useEffect(() => {
    if (firstCommunity) set('communityId', firstCommunity);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstCommunity]);

  const withdraw = async () => {
    if (!withdrawing) return;
    try {
      await communityApi.withdrawNotice(withdrawing);
      setMessage('公告已撤回');
      void list.reload();
    } catch (e) {
      setMessage(formErrorsFrom(e).form);
    } finally {
      setWithdrawing(null);
    }
  };

  return (
    <PageShell title="社区公告管理">
      <Notice message={message} type="success" id="notice-admin-message" />
      <View className="card" id="notice-form">
        <FormField id="notice-title" label="标题" value={draft.title} error={errors.title} maxlength={60} onChange={(v) => set('title', v)} />
        <NoticeBodyField value={draft.text} error={errors.text} maxlength={5000} onChange={(v) => set('text', v)} />
        <FieldShell id="notice-category" label="类别" error={errors.category}>
          <Picker
            id="notice-category"
            mode="selector"
            range={NOTICE_CATEGORIES.map((c) => NOTICE_CATEGORY_LABELS[c])}
            value={NOTICE_CATEGORIES.indexOf(draft.category)}
            onChange={(e) => set('category', NOTICE_CATEGORIES[Number(e.detail.value)])}
          >
            <View className="field__input picker-field__value">{NOTICE_CATEGORY_LABELS[draft.category]}</View>
          </Picker>
        </FieldShell>
        <FieldShell id="notice-audience" label="发布范围" error={errors.communityId}>
          <Picker
            id="notice-audience"
            mode="selector"
            range={audience.map((a) => a.name)}
            value={audienceIndex}
            onChange={(e) => set('communityId', audience[Number(e.detail.value)]?.id ?? '')}
          >
            <View className="field__input picker-field__value">{audience[audienceIndex]?.name ?? '请选择'}</View>
          </Picker>
        </FieldShell>
        <View className="v-item">
          <Text>紧急提醒（首页横幅并推送订阅居民）</Text>
          <Switch id="notice-urgent" checked={draft.urgent} onChange={(e) => set('urgent', e.detail.value)} />
        </View>
        <View className="v-item">
          <Text>置顶</Text>
          <Switch id="notice-pinned" checked={draft.pinned} onChange={(e) => set('pinned', e.detail.value)} />
        </View>
        <PickerField id="notice-expiry-date" label="失效日期（可不填）" mode="date" value={draft.expiryDate} start={today()} error={errors.expiryDate} onChange={(v) => set('expiryDate', v)} />
        <PickerField id="notice-expiry-time" label="失效时间" mode="time" value={draft.expiryTime} placeholder="默认 23:59" onChange={(v) => set('expiryTime', v)} />
        <NoticeFilesField
          files={draft.files}
          max={NOTICE_LIMITS.attachments - (draft.attachmentUrl ? 1 : 0)}
          error={errors.files}
          onChange={(files) => set('files', files)}
        />
        <FormField id="notice-attachment-name" label="链接名称（可不填）" value={draft.attachmentName} error={errors.attachmentName} onChange={(v) => set('attachmentName', v)} />
        <FormField id="notice-attachment-url" label="相关链接（https）" value={draft.attachmentUrl} error={errors.attachmentUrl} onChange={(v) => set('attachmentUrl', v)} />
        <Notice message={editor.formError} id="notice-form-error" />
        <Button key={editor.editingId ? 'save' : 'new'} id="notice-submit" className="btn" loading={editor.submitting} onClick={() => void editor.submit()}>
          {editor.editingId ? '保存修改' : '发布'}
        </Button>
        {editor.editingId ? (
          <Button id="notice-cancel-edit" className="btn btn--plain" onClick={editor.cancelEdit}>
            取消修改
          </Button>
        ) : null}
      </View>

      <View id="notice-admin-list">
        {list.data?.items.map((n) => (
          <View key={n.id} className="card c-item" id={`admin-notice-${n.id}`}>
            <View>
              {n.urgent ? <Text className="c-badge">紧急</Text> : null}
              <Text className="c-item__title">{n.title}</Text>
            </View>
            <Text className="c-item__meta">
              {n.statusLabel} · {n.communityNames.join('、')} · {n.readCount} 人已读 · {formatTime(n.publishedAt)}
            </Text>
            {n.abilities.update && n.abilities.withdraw ? (
              <Text className="link" id={`edit-${n.id}`} onClick={() => { setMessage(null); editor.edit(n); }}>
                编辑
              </Text>
            ) : null}
            {n.abilities.withdraw ? (
              <Text className="link" id={`withdraw-${n.id}`} onClick={() => setWithdrawing(n.id)}>
                撤回
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <ConfirmDialog
        id="withdraw-dialog"
        open={withdrawing !== null}
        title="撤回公告"
        message="撤回后居民将看不到这条公告，确定撤回吗？"
        danger
        onConfirm={() => void withdraw()}
        onCancel={() => setWithdrawing(null)}
      />
    </PageShell>
  );
}
