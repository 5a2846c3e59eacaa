import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { useGallery } from '../../hooks/volunteering/useGallery';
import { useSession } from '../../hooks/useSession';
import { PHOTO_STATUS_LABELS } from '../../services/gallery';
import './gallery.scss';

interface Props {
  activityId: string;
  canManage: boolean;
  canUpload: boolean;
  /** Why the resident cannot upload yet (e.g. not checked in), shown instead of the button. */
  uploadHint?: string | null;
}

/** 活动相册: photo grid with preview, participants' upload, team admins' show/hide (each photo's buttons follow its abilities). */
export function ActivityGallery({ activityId, canManage, canUpload, uploadHint }: Props) {
  const g = useGallery(activityId);
  const mayUpload = canUpload || canManage;
  const [reason, setReason] = useState('');
  const me = useSession().user?.id;
  const loaded = !g.list.loading || g.list.data;
  return (
    <View className="card" id="gallery">
      <Text className="card__title">活动相册</Text>
      <Notice message={g.list.error} id="gallery-load-error" />
      <Notice message={g.action.error} id="gallery-error" />
      <Notice type="success" message={g.action.success} id="gallery-success" />
      {mayUpload ? (
        <Button
          id="gallery-upload"
          className="btn btn--primary"
          loading={g.action.busy === 'upload'}
          onClick={() => void g.upload()}
        >
          上传现场照片
        </Button>
      ) : uploadHint ? (
        <Text className="muted" id="gallery-upload-hint">
          {uploadHint}
        </Text>
      ) : null}
      {mayUpload ? (
        <Text className="muted">支持 JPG、PNG、WebP，单张不超过 5MB；照片审核通过后所有人可见。</Text>
      ) : null}
      {g.items.some((p) => p.abilities?.show || p.abilities?.hide) ? (
        <FormField
          id="gallery-reason"
          label="审核原因（显示或隐藏时必填）"
          value={reason}
          maxlength={200}
          onChange={setReason}
        />
      ) : null}
      {loaded && !g.list.error && g.items.length === 0 ? (
        <Text className="muted" id="gallery-empty">
          还没有照片
        </Text>
      ) : null}
      <View className="gallery__grid" id="gallery-grid">
        {g.items.map((p) => {
          const src = g.thumbOf(p);
          return (
            <View key={p.id} className="gallery__cell photo" id={`photo-${p.id}`} data-status={p.status}>
              {src ? (
                <Image
                  className="gallery__img"
                  id={`photo-${p.id}-img`}
                  src={src}
                  mode="aspectFill"
                  onClick={() => g.preview(p)}
                />
              ) : (
                <View className="gallery__img gallery__img--loading" />
              )}
              {p.status !== 'visible' || canManage || p.uploaderId === me ? (
                <Text
                  className={`v-badge photo-status${p.status === 'visible' ? '' : ' v-badge--warn'}`}
                  id={`photo-${p.id}-status`}
                >
                  {PHOTO_STATUS_LABELS[p.status]}
                </Text>
              ) : null}
              {p.status === 'hidden' && p.hiddenReason && (canManage || p.uploaderId === me) ? (
                <Text className="muted photo-reason" id={`photo-${p.id}-reason`}>
                  {p.hiddenReason}
                </Text>
              ) : null}
              {p.abilities?.delete ? (
                <View className="gallery__actions">
                  <Text className="link" id={`photo-${p.id}-delete`} onClick={() => void g.remove(p.id)}>
                    {g.armed === p.id ? '确认删除' : '删除'}
                  </Text>
                </View>
              ) : null}
              {p.abilities?.show || p.abilities?.hide ? (
                <View className="gallery__actions">
                  {p.abilities.show ? (
                    <Text
                      className="link"
                      id={`photo-${p.id}-show`}
                      onClick={() => void g.moderate(p.id, 'show', reason)}
                    >
                      通过
                    </Text>
                  ) : null}
                  {p.abilities.hide ? (
                    <Text
                      className="link"
                      id={`photo-${p.id}-hide`}
                      onClick={() => void g.moderate(p.id, 'hide', reason)}
                    >
                      隐藏
                    </Text>
                  ) : null}
                </View>
              ) : null}
            </View>
          );
        })}
      </View>
    </View>
  );
}
