import { Button, Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import type { useAttachments } from '../../../hooks/clinic/useResidentClinic';

/** 添加材料: a photo (camera or album) or a PDF; each uploaded file listed with a remove button. */
export function AttachmentPicker({ files, error }: { files: ReturnType<typeof useAttachments>; error?: string }) {
  return (
    <View className="v-actions" id="book-files">
      <Text className="field__label">相关材料（选填，图片或 PDF，每个不超过 5MB，最多 5 个）</Text>
      <View className="v-chips">
        <Button id="book-attach" className="btn btn--plain" loading={files.busy} onClick={() => void files.addImage()}>
          添加图片（拍照或相册）
        </Button>
        <Button id="book-attach-pdf" className="btn btn--plain" loading={files.busy} onClick={() => void files.addPdf()}>
          添加 PDF 文件
        </Button>
      </View>
      <Notice message={files.error ?? error} id="book-attach-error" />
      {files.items.map((a) => (
        <View key={a.id} className="row" id={`book-file-${a.id}`}>
          <Text className="row__label">
            已上传{a.kind === 'pdf' ? ' PDF' : '图片'}：{a.name}
          </Text>
          <Text className="link" id={`book-file-${a.id}-remove`} onClick={() => files.remove(a.id)}>
            移除
          </Text>
        </View>
      ))}
    </View>
  );
}
