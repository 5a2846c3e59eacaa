import type { UserConfigExport } from '@tarojs/cli';

/** Production builds: Taro minifies JS and CSS by default in this mode. */
export default {
  mini: {},
  h5: {
    // Keep chunks stable-named by content so the Koa static server can cache them.
  },
} satisfies UserConfigExport<'webpack5'>;
