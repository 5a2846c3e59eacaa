import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { currentPosition } from '../../hooks/volunteering/location';
import { isH5 } from '../../services/nav';

interface Props {
  id: string;
  value: { lng: number; lat: number } | undefined;
  error?: string;
  onChange: (v: { lng: number; lat: number }, address?: string) => void;
}

/** Map point for an activity or team: chooseLocation on weapp, the current position on both. */
export function LocationField({ id, value, error, onChange }: Props) {
  const [err, setErr] = useState<string | null>(null);
  const pickHere = async () => {
    setErr(null);
    try {
      const p = await currentPosition();
      onChange({ lng: p.lng, lat: p.lat });
    } catch (e) {
      setErr((e as Error).message);
    }
  };
  const choose = async () => {
    setErr(null);
    try {
      const r = await Taro.chooseLocation({});
      onChange({ lng: r.longitude, lat: r.latitude }, r.address || r.name);
    } catch {
      // cancelled
    }
  };
  return (
    <View className={`field${error ? ' field--invalid' : ''}`} id={id}>
      <Text className="field__label">地图位置</Text>
      <Text className="muted" id={`${id}-value`}>
        {value ? `经度 ${value.lng.toFixed(5)}，纬度 ${value.lat.toFixed(5)}` : '尚未选择'}
      </Text>
      <View className="v-actions">
        <Button id={`${id}-here`} className="btn btn--plain" onClick={() => void pickHere()}>
          使用当前位置
        </Button>
        {!isH5 ? (
          <Button id={`${id}-choose`} className="btn btn--plain" onClick={() => void choose()}>
            在地图上选择
          </Button>
        ) : null}
      </View>
      {error || err ? (
        <Text className="field-error" id={`${id}-error`}>
          {error ?? err}
        </Text>
      ) : null}
    </View>
  );
}
