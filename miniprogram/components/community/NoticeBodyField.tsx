import { useRef } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { NOTICE_TOOLS, insertAt } from '@shared/notice-markup';
import { FieldShell } from '../FieldShell';

interface Props {
  value: string;
  error?: string;
  maxlength: number;
  onChange: (value: string) => void;
}

/**
 * The notice body: a plain textarea with a small toolbar (bold, heading, list, link) that writes
 * the light markup at the cursor, so the admin never types HTML and the result is always within
 * the subset the server keeps.
 */
export function NoticeBodyField({ value, error, maxlength, onChange }: Props) {
  // Where the cursor was last (the textarea reports it with each input); the end when unknown.
  const cursor = useRef<number | null>(null);
  const apply = (tool: (typeof NOTICE_TOOLS)[number]) => {
    const next = insertAt(value, cursor.current ?? value.length, tool);
    cursor.current = null;
    onChange(next);
  };
  return (
    <FieldShell id="notice-text" label="正文（每行一段；可用工具栏加粗、小标题、列表、链接）" error={error}>
      <View className="row notice-toolbar" id="notice-toolbar">
        {NOTICE_TOOLS.map((t) => (
          <Text key={t.id} className="v-chip" id={`notice-tool-${t.id}`} onClick={() => apply(t)}>
            {t.label}
          </Text>
        ))}
      </View>
      <Textarea
        id="notice-text"
        className="field__input"
        style={{ height: '280rpx' }}
        value={value}
        maxlength={maxlength}
        onInput={(e) => {
          cursor.current = typeof e.detail.cursor === 'number' ? e.detail.cursor : null;
          onChange(e.detail.value);
        }}
      />
    </FieldShell>
  );
}
