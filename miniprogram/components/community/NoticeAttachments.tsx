import { Image, Text, View } from '@tarojs/components';
import type { TNoticeDetail } from '@shared/schemas/community/notices';
import { formatBytes, openNoticeAttachment } from '../../services/community';
import { mediaUrl } from '../../services/media';

type TAttachment = TNoticeDetail['attachments'][number];

/** A notice's photos (thumbnails; tap for the viewer), then its documents and links (tap to open). */
export function NoticeAttachments({ attachments }: { attachments: TAttachment[] }) {
  if (!attachments.length) return null;
  const open = (a: TAttachment) => void openNoticeAttachment(a, attachments).catch(() => undefined);
  const images = attachments.filter((a) => a.kind === 'image');
  const others = attachments.filter((a) => a.kind !== 'image');
  return (
    <View id="notice-attachments" className="c-item">
      {images.length ? (
        <View className="row notice-photos">
          {images.map((a) => (
            <Image key={a.url} className="notice-photo" src={mediaUrl(a.thumbUrl ?? a.url)} mode="aspectFill" onClick={() => open(a)} />
          ))}
        </View>
      ) : null}
      {others.map((a) => (
        <Text key={a.url} className="link notice-attachment" onClick={() => open(a)}>
          {a.kind === 'document' ? '附件' : '链接'}：{a.name}
          {a.bytes ? `（${formatBytes(a.bytes)}）` : ''}
        </Text>
      ))}
    </View>
  );
}
