import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** WeChat's signed message push: asynchronous image-check verdicts. */
export const wechatPushModule = defineModule({ name: 'wechat-push', routes: (deps) => routes(deps) });
