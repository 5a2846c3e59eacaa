/**
 * The platform's own confirmation (wx.showModal; Taro's modal on H5) before an action that
 * deletes, notifies someone or cannot be taken back, and the toast after one that succeeded.
 */
import Taro from '@tarojs/taro';

export async function confirmAction(o: {
  title: string;
  content: string;
  confirmText?: string;
  danger?: boolean;
}): Promise<boolean> {
  try {
    const r = await Taro.showModal({
      title: o.title,
      content: o.content,
      confirmText: o.confirmText ?? '确定',
      cancelText: '取消',
      confirmColor: o.danger ? '#d54941' : '#0f7b55',
    });
    return r.confirm;
  } catch {
    return false;
  }
}

/** A short success toast; the page's own message stays for whoever missed it. */
export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 }).catch(() => undefined);
}
