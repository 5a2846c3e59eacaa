/** WeChat server-side clients. Base URLs come from config: real WeChat in production, the sandbox in dev and tests. */
export { WechatError, type WechatErrorKind, kindForErrcode } from './errors';
export {
  createWechatClient,
  verifyPushSignature,
  parseMediaCheckEvent,
  MSG_SEC_CHECK_MAX_CHARS,
  type WechatClient,
  type WechatClientConfig,
  type Code2SessionResult,
  type PhoneNumber,
  type SubscribeMessageInput,
  type SubscribeSendResult,
  type SecSuggest,
  type SecScene,
  type SecCheckResult,
  type MediaCheckInput,
  type MediaCheckEvent,
} from './client';
export { WechatPayError, type WechatPayErrorKind } from './errors';
export {
  createPayClient,
  type PayClient,
  type PayClientConfig,
  type PayParams,
  type PayNotification,
  type WechatPayTransaction,
  type WechatPayRefund,
} from './pay-client';
export { decryptResource, verifyPlatformSignature, type HeaderBag } from './pay-verify';
export { payClientConfigFromEnv, type PayEnv } from './config';
