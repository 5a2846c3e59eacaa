/**
 * The confirmations asked before volunteering actions that cannot be taken back or that
 * notify someone (issue 16): one place for their words, shown by useAction's `confirm`.
 */
import type { TConfirm } from './useAction';

export const CONFIRM = {
  cancelSignup: {
    title: '取消报名',
    content: '确定取消这次报名吗？名额会让给候补的志愿者；过了取消截止时间再取消会记为逾期取消。',
    confirmText: '取消报名',
    danger: true,
  },
  cancelActivity: {
    title: '取消活动',
    content: '取消后所有报名者都会收到通知（附上您填写的原因），名额全部释放，且不能恢复。',
    confirmText: '取消活动',
    danger: true,
  },
  certifyTeam: {
    title: '认证团队',
    content: '认证后该团队即可发布志愿活动，申请人成为团队管理员并收到通知。',
    confirmText: '认证',
  },
  confirmHours: (count: number): TConfirm => ({
    title: '确认时长',
    content: `确认选中的 ${count} 条时长记录？确认后计入志愿者的服务时长，可用于开具证明。`,
    confirmText: '确认',
  }),
  takeHelp: {
    title: '认领求助',
    content: '认领后求助者会收到通知，其他团队不能再认领；接下来请完善并发布活动。',
    confirmText: '认领',
  },
  approve: (what: string, effect: string): TConfirm => ({
    title: `通过${what}`,
    content: `确定通过吗？${effect}`,
    confirmText: '通过',
  }),
  /** A rejection without its reason is refused (by the form or the server) anyway: nothing to confirm. */
  reject: (what: string, reason: string): TConfirm | undefined =>
    reason.trim().length < 2
      ? undefined
      : { title: `驳回${what}`, content: `将以下理由通知对方：${reason.trim()}`, confirmText: '驳回', danger: true },
} satisfies Record<string, TConfirm | ((...a: never[]) => TConfirm | undefined)>;
