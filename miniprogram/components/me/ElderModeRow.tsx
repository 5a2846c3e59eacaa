import { Switch, Text, View } from '@tarojs/components';
import { useElderMode } from '../../hooks/useElderMode';
import { Notice } from '../Notice';

/** 长辈模式 toggle: local at once, saved to the account when logged in. */
export function ElderModeRow() {
  const { elderMode, saving, error, setElderMode } = useElderMode();
  return (
    <View className="card">
      <View className="row">
        <View>
          <Text className="card__title">长辈模式</Text>
          <Text className="muted">字体更大、对比更强</Text>
        </View>
        <Switch
          id="elder-mode-switch"
          checked={elderMode}
          disabled={saving}
          color="#0f7b55"
          onChange={(e) => void setElderMode(!!e.detail.value)}
        />
      </View>
      <Notice message={error} id="elder-mode-error" />
    </View>
  );
}
