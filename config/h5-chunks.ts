/**
 * How the H5 portal's JavaScript is cut into files (webpack splitChunks through Taro's webpackChain).
 *
 * Taro's default splits only the entry's (`initial`) chunks, so every lazily loaded page carried its
 * own copy of the libraries it shared with other pages: zod sat in 27 of 70 files and most pages
 * weighed ~240 KB. Here each library is bundled once and shared:
 *  - `framework`: Taro's runtime and React, which every screen needs, loaded with the app;
 *  - `zod`: the validation library, only for screens with forms;
 *  - `npm.<package>`: any other library two or more lazy pages share (swiper for galleries, …);
 *  - our own code that two or more lazy pages share (hooks, schemas) in shared chunks.
 * Staff subpackages stay lazy pages of their own, so a resident's first screen never loads them.
 */
import type Chain from 'webpack-chain';

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const FRAMEWORK = /[\\/]node_modules[\\/](@tarojs[\\/][a-z-]+|react|react-dom|scheduler)[\\/]/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

interface ModuleLike {
  resource?: string;
  context?: string | null;
}

/** `npm.swiper`, `npm.tarojs.components`: one stable, cacheable name per package. */
export function packageChunkName(module: ModuleLike): string {
  const where = module.resource ?? module.context ?? '';
  const match = /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(where);
  return `npm.${(match?.[1] ?? 'misc').replace('@', '').replace(/[\\/]/, '.')}`;
}

const isIn = (re: RegExp) => (module: ModuleLike) => re.test(module.resource ?? '');

/** Apply the split to the H5 build (production and development alike, so both behave the same). */
export function splitH5Chunks(chain: Chain): void {
  chain.optimization.splitChunks({
    chunks: 'all',
    hidePathInfo: true,
    minSize: 0,
    cacheGroups: {
      default: false,
      defaultVendors: false,
      framework: { name: 'framework', test: isIn(FRAMEWORK), chunks: 'initial', priority: 100, enforce: true },
      zod: { name: 'zod', test: isIn(ZOD), chunks: 'all', priority: 90, enforce: true },
      vendors: {
        name: packageChunkName,
        test: isIn(NODE_MODULES),
        chunks: 'async',
        minChunks: 2,
        priority: 10,
        reuseExistingChunk: true,
      },
      common: { chunks: 'async', minChunks: 2, minSize: 8 * 1024, priority: 1, reuseExistingChunk: true },
    },
  });
}
