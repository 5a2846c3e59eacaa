import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';

interface Props {
  /** `category-attr-<i>`: the box is `<id>-option`, each option `<id>-option-<j>` with its remove button. */
  id: string;
  options: readonly string[];
  errors: Record<string, string>;
  /** The error path prefix, e.g. `attributes.0.options`. */
  path: string;
  onChange: (options: string[]) => void;
}

/**
 * The choices of one category attribute (Open311 `singlevaluelist`): residents pick one instead of
 * typing. Added one at a time, so a separator typed mid-word never splits an option; none means
 * free text.
 */
export function AttributeOptions({ id, options, errors, path, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const v = draft.trim();
    if (!v) return setError('请先填写选项');
    if (options.includes(v)) return setError('该选项已存在');
    setError(null);
    setDraft('');
    onChange([...options, v]);
  };
  const listError = errors[path] ?? options.map((_, j) => errors[`${path}.${j}`]).find(Boolean);
  return (
    <View className="field" id={`${id}-options`}>
      <Text className="field__label">可选项（不填则由居民自由填写）</Text>
      {options.map((o, j) => (
        <View key={o} className="row" id={`${id}-option-${j}`}>
          <Text className="row__label">{o}</Text>
          <Button id={`${id}-option-${j}-remove`} className="btn btn--plain" onClick={() => onChange(options.filter((_, k) => k !== j))}>
            移除
          </Button>
        </View>
      ))}
      <FormField id={`${id}-option`} label="新选项" value={draft} error={error ?? listError ?? undefined} maxlength={20} onChange={(v) => { setDraft(v); setError(null); }} />
      <Button id={`${id}-option-add`} className="btn btn--plain" onClick={add}>
        添加选项
      </Button>
    </View>
  );
}
