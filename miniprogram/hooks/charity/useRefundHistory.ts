import { useState } from 'react';
import { donationsApi, type TRefund } from '../../services/donations';

/** The refunds of the one donation whose history is open (退款记录), loaded when opened. */
export function useRefundHistory() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [items, setItems] = useState<TRefund[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (donationId: string) => {
    if (openId === donationId) return setOpenId(null);
    setOpenId(donationId);
    setItems([]);
    setError(null);
    setLoading(true);
    try {
      setItems((await donationsApi.refunds(donationId)).items);
    } catch (e) {
      setError((e as Error).message || '加载失败');
    } finally {
      setLoading(false);
    }
  };
  return { openId, items, loading, error, toggle };
}
