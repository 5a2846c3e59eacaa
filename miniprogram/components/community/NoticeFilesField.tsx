import { useState } from 'react';
import { Button, Progress, Text, View } from '@tarojs/components';
import { NOTICE_FILE_LIMITS, NOTICE_LIMITS } from '@shared/schemas/community/notices';
import type { TDraftFile } from '../../hooks/community/useNoticeEditor';
import { formatBytes, uploadNoticeFile } from '../../services/community';
import { formErrorsFrom } from '../../services/form-errors';
import { chooseDocumentFile, chooseImageFile, type TChosenImage } from '../../services/media';

interface Props {
  files: TDraftFile[];
  /** Room left for files (the link, when filled, takes one of NOTICE_LIMITS.attachments). */
  max: number;
  error?: string;
  onChange: (files: TDraftFile[]) => void;
}

const MB = 1024 * 1024;

/**
 * The notice's files: photos from the camera or album, documents from the file picker (weapp: a
 * chat's file), each uploaded at once with progress and listed with a remove link.
 */
export function NoticeFilesField({ files, max, error, onChange }: Props) {
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const add = async (choose: () => Promise<(TChosenImage & { name?: string }) | null>) => {
    setFailure(null);
    try {
      const chosen = await choose();
      if (!chosen) return;
      const f = await uploadNoticeFile(chosen, setPercent);
      onChange([...files, { fileId: f.id, name: f.name, kind: f.kind, bytes: f.bytes }]);
    } catch (e) {
      setFailure(formErrorsFrom(e).form);
    } finally {
      setPercent(null);
    }
  };
  const full = files.length >= max;
  const message = failure ?? error;
  return (
    <View className={`field${message ? ' field--invalid' : ''}`} id="notice-files">
      <Text className="field__label">
        附件（可选，最多 {NOTICE_LIMITS.attachments} 个：图片 ≤{NOTICE_FILE_LIMITS.imageBytes / MB}MB；PDF、Word、Excel、PPT ≤{NOTICE_FILE_LIMITS.documentBytes / MB}MB）
      </Text>
      {files.map((f, i) => (
        <View key={f.fileId} className="c-item__row notice-file" id={`notice-file-${i}`}>
          <Text>
            {f.kind === 'image' ? '图片' : '文档'}：{f.name}
            {f.bytes ? `（${formatBytes(f.bytes)}）` : ''}
          </Text>
          <Text className="link" id={`notice-file-remove-${i}`} onClick={() => onChange(files.filter((x) => x.fileId !== f.fileId))}>
            移除
          </Text>
        </View>
      ))}
      {percent !== null ? (
        <View id="notice-files-progress">
          <Progress percent={percent} strokeWidth={4} showInfo />
        </View>
      ) : null}
      <View className="row">
        <Button id="notice-add-image" className="btn btn--plain" disabled={percent !== null || full} onClick={() => void add(chooseImageFile)}>
          添加图片
        </Button>
        <Button
          id="notice-add-document"
          className="btn btn--plain"
          disabled={percent !== null || full}
          onClick={() => void add(() => chooseDocumentFile(NOTICE_FILE_LIMITS.documentExtensions))}
        >
          添加文档
        </Button>
      </View>
      {message ? (
        <Text className="field-error" id="notice-files-error">
          {message}
        </Text>
      ) : null}
    </View>
  );
}
