import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { splitH5Chunks } from './h5-chunks';
import { PrecompressPlugin } from './precompress';
import { RoutePreloadPlugin } from './route-preload';
import { StatsFilePlugin } from './stats-file';
import prodConfig from './prod';

/**
 * Taro build config for both targets. weapp and H5 write to separate folders
 * (dist/weapp, dist/h5) so one build never clobbers the other.
 *
 * API base: H5 is served by the Koa server, so it calls `/api/...` on the same
 * origin (empty base). The mini-program needs an absolute base from
 * TARO_APP_API_BASE (shell or .env files; only TARO_APP_* reach the bundle).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const apiBase = isH5
    ? (process.env.TARO_APP_H5_API_BASE ?? '')
    : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

  // shared/ sits outside sourceRoot; Taro only transpiles sourceRoot unless told.
  const sharedDir = path.resolve(__dirname, '..', 'shared');

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    // LINLI_BUILD_DIR lets a check build elsewhere without clobbering dist/ that a running server serves.
    outputRoot: path.join(process.env.LINLI_BUILD_DIR || 'dist', process.env.TARO_ENV ?? 'weapp'),
    plugins: [],
    alias: {
      '@shared': sharedDir,
    },
    defineConstants: {},
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      // Tencent Maps web key for H5 maps (issue 16); unset, H5 pages show lists with distances instead.
      TARO_APP_H5_MAP_KEY: JSON.stringify(process.env.TARO_APP_H5_MAP_KEY ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      compile: { include: [sharedDir] },
      // The whole portal is ~400 KB before compression; webpack's 244 KB hint is for marketing pages.
      webpackChain(chain) {
        chain.performance.maxAssetSize(768 * 1024).maxEntrypointSize(1024 * 1024);
        splitH5Chunks(chain);
        // Brotli and gzip siblings for the Koa server to negotiate (not for the watch server).
        if (process.env.NODE_ENV !== 'development') chain.plugin('precompress').use(PrecompressPlugin);
        // index.html asks for the opened page's own files at once (config/route-preload.ts).
        chain.plugin('route-preload').use(RoutePreloadPlugin);
        // LINLI_H5_STATS=<file> writes webpack's module/chunk stats, to see what each script holds.
        if (process.env.LINLI_H5_STATS) chain.plugin('stats-file').use(StatsFilePlugin, [process.env.LINLI_H5_STATS]);
      },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
