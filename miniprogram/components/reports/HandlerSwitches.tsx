import { Switch, Text, View } from '@tarojs/components';

interface Props {
  /** Field id; each account's row is `<rowId>-<username>`, its switch `<rowId>-<username>-switch`. */
  id: string;
  rowId: string;
  label: string;
  empty: string;
  people: readonly { id: string; displayName: string; username?: string | null }[];
  loading: boolean;
  picked: readonly string[];
  error?: string;
  onChange: (ids: string[]) => void;
}

/** Accounts holding the handler role, each with a switch: a department's handlers or a grid's workers. */
export function HandlerSwitches({ id, rowId, label, empty, people, loading, picked, error, onChange }: Props) {
  const toggle = (userId: string, on: boolean) => onChange(on ? [...picked.filter((x) => x !== userId), userId] : picked.filter((x) => x !== userId));
  return (
    <View className="field" id={id}>
      <Text className="field__label">{label}</Text>
      {people.length === 0 && !loading ? <Text className="muted">{empty}</Text> : null}
      {people.map((p) => (
        <View key={p.id} className="row" id={`${rowId}-${p.username ?? p.id}`}>
          <Text className="row__label">
            {p.displayName}
            {p.username ? `（${p.username}）` : ''}
          </Text>
          <Switch id={`${rowId}-${p.username ?? p.id}-switch`} checked={picked.includes(p.id)} onChange={(e) => toggle(p.id, e.detail.value)} />
        </View>
      ))}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}
