import { Button, Image, Progress, Text, View } from '@tarojs/components';
import { COVER_MAX_BYTES, type TCoverUploadDto } from '@shared/schemas/volunteering/gallery';
import { useImageUpload } from '../hooks/useImageUpload';
import { mediaUrl } from '../services/media';

interface Props {
  id: string;
  teamId: string;
  /** The activity's coverUrl ('' for none). */
  value: string;
  error?: string;
  onChange: (url: string) => void;
}

/** The activity cover: chosen from the camera or album, uploaded with progress, shown, removable. */
export function CoverField({ id, teamId, value, error, onChange }: Props) {
  const { percent, failure, pick } = useImageUpload<TCoverUploadDto>(
    `/api/teams/${encodeURIComponent(teamId)}/covers`,
    COVER_MAX_BYTES,
    (r) => onChange(r.url),
  );

  const message = failure ?? error;
  return (
    <View className={`field${message ? ' field--invalid' : ''}`} id={id}>
      <Text className="field__label">封面图片（可选，JPG/PNG/WebP，不超过 {COVER_MAX_BYTES / 1024 / 1024}MB）</Text>
      {value ? <Image id={`${id}-preview`} className="cover-field__preview" src={mediaUrl(value)} mode="aspectFill" /> : null}
      {percent !== null ? (
        <View id={`${id}-progress`}>
          <Progress percent={percent} strokeWidth={4} showInfo />
        </View>
      ) : null}
      <View className="row">
        <Button id={`${id}-choose`} className="btn btn--plain" disabled={percent !== null} onClick={() => void pick()}>
          {value ? '更换封面' : '上传封面'}
        </Button>
        {value ? (
          <Text className="link" id={`${id}-remove`} onClick={() => onChange('')}>
            移除封面
          </Text>
        ) : null}
      </View>
      {message ? (
        <Text className="field-error" id={`${id}-error`}>
          {message}
        </Text>
      ) : null}
    </View>
  );
}
