import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { useSession } from '../../../hooks/useSession';
import { currentPosition } from '../../../hooks/volunteering/location';
import { communityApi, rememberCommunity, rememberedCommunity } from '../../../services/community';
import { formErrorsFrom } from '../../../services/form-errors';
import { goLogin } from '../../../services/nav';

/**
 * Choose my community from the list, or let the nearest one be found from my position. Kept on
 * the device (home asks with it) and, when signed in, on the server (alerts are pushed by it).
 */
export default function ChooseCommunityPage() {
  const { loggedIn } = useSession();
  const list = useAsync(() => communityApi.communities(), []);
  const mine = useAsync(() => communityApi.myCommunity(), [], loggedIn);
  const [current, setCurrent] = useState(rememberedCommunity());
  const [error, setError] = useState<string | null>(null);

  const choose = async (input: { communityId: string } | 'locate') => {
    setError(null);
    try {
      if (!loggedIn) {
        if (input === 'locate') return goLogin();
        const c = list.data?.items.find((x) => x.id === input.communityId);
        if (c) {
          rememberCommunity({ id: c.id, name: c.name });
          setCurrent({ id: c.id, name: c.name });
        }
        return;
      }
      const body = input === 'locate' ? { location: await currentPosition() } : input;
      const r = await communityApi.chooseCommunity(body);
      if (r.community) {
        rememberCommunity({ id: r.community.id, name: r.community.name });
        setCurrent({ id: r.community.id, name: r.community.name });
      }
      mine.setData(r);
      void Taro.showToast({ title: '已设置', icon: 'success' });
    } catch (e) {
      setError(formErrorsFrom(e).form);
    }
  };

  const toggleAlerts = async (on: boolean) => {
    try {
      mine.setData(await communityApi.setAlerts(on));
    } catch (e) {
      setError(formErrorsFrom(e).form);
    }
  };

  return (
    <PageShell title="选择社区">
      <Notice message={error ?? list.error} id="choose-error" />
      <View className="card" id="choose-current">
        <Text>{current ? `当前：${current.name}` : '尚未选择社区'}</Text>
      </View>
      <Button id="choose-locate" className="btn btn--plain" onClick={() => void choose('locate')}>
        按我的位置自动选择
      </Button>
      <View id="choose-list">
        {list.data?.items.map((c) => (
          <View key={c.id} id={`community-${c.id}`} className="card v-item" onClick={() => void choose({ communityId: c.id })}>
            <Text className="v-item__title">{c.name}</Text>
            {current?.id === c.id ? <Text className="link">已选择</Text> : null}
          </View>
        ))}
      </View>
      {loggedIn ? (
        <View className="card v-item" id="choose-alerts">
          <Text>接收紧急提醒推送（暴雨、积水、停水等）</Text>
          <Switch checked={!!mine.data?.alerts} onChange={(e) => void toggleAlerts(e.detail.value)} />
        </View>
      ) : null}
    </PageShell>
  );
}
