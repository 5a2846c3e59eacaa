import { useState } from 'react';
import { Button, Image, Progress, Text, View } from '@tarojs/components';
import { DONATION_LIMITS } from '@shared/schemas/donations';
import type { TImageUpload } from '../../services/donations';
import { formErrorsFrom } from '../../services/form-errors';
import { chooseImageFile, mediaUrl, uploadImage } from '../../services/media';

interface Props {
  id: string;
  label: string;
  /** Upload route (project covers or disbursement proofs). */
  path: string;
  value: TImageUpload[];
  max: number;
  error?: string;
  onChange: (images: TImageUpload[]) => void;
}

/** Images picked from the camera or album, uploaded (re-encoded server-side) with progress, removable. */
export function ImagesField({ id, label, path, value, max, error, onChange }: Props) {
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pick = async () => {
    setFailure(null);
    try {
      const file = await chooseImageFile();
      if (!file) return;
      const uploaded = await uploadImage<TImageUpload>(path, file, DONATION_LIMITS.coverMaxBytes, setPercent);
      onChange([...value, uploaded].slice(-max));
    } catch (e) {
      setFailure(formErrorsFrom(e).form);
    } finally {
      setPercent(null);
    }
  };
  const message = failure ?? error;
  return (
    <View className={`field${message ? ' field--invalid' : ''}`} id={id}>
      <Text className="field__label">{label}</Text>
      <View>
        {value.map((img) => (
          <Image key={img.id} className="ch-proof images-field__item" src={mediaUrl(img.url)} mode="aspectFill" onClick={() => onChange(value.filter((v) => v.id !== img.id))} />
        ))}
      </View>
      {percent !== null ? <Progress percent={percent} strokeWidth={4} showInfo /> : null}
      {value.length < max ? (
        <Button id={`${id}-choose`} className="btn btn--plain" disabled={percent !== null} onClick={() => void pick()}>
          {max === 1 && value.length ? '更换图片' : '上传图片'}
        </Button>
      ) : null}
      {value.length ? <Text className="ch-meta">点图片可移除</Text> : null}
      {message ? (
        <Text className="field-error" id={`${id}-error`}>
          {message}
        </Text>
      ) : null}
    </View>
  );
}
