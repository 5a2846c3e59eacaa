/**
 * Route-aware preloading for the H5 portal (issue 15, first screen).
 *
 * Taro's H5 router loads a page's scripts and styles only after the app's own scripts have run:
 * on a phone that is most of a second of script during which the network sits idle, and then one
 * more round trip before the page can render. The portal's router works on the URL's hash, which
 * the server never sees, so the server cannot say which page is coming. This plugin writes a small
 * inline script into index.html, with a table from each page's route to the files of its lazy
 * chunk group; the script reads `location.hash` and asks for those files at once, at low
 * priority so that the app's own scripts still come first. When the router later inserts the
 * same <script> and <link>, the browser takes them from its preload cache.
 */
import type { Compilation, Compiler } from 'webpack';

/** Scripts and styles only: source maps and licence files are never loaded by the page. */
const PRELOADABLE = /\.(js|css)$/;

export interface RoutePreloadOptions {
  /** The HTML file to write into. */
  htmlFile?: string;
}

export interface RouteTable {
  /** The page an empty hash opens: Taro's first page, the router's first import in the app entry. */
  home: string | null;
  files: Record<string, string[]>;
}

/** `./pages/home/index` or `/abs/miniprogram/pages/home/index` → `pages/home/index`. */
export function routeOfRequest(request: string): string | null {
  const match = /(?:^|[\\/])((?:pages|packages)[\\/].+?)(?:\.[jt]sx?)?(?:\?.*)?$/.exec(request);
  return match ? match[1].replace(/\\/g, '/') : null;
}

/** Each page route → the non-initial files of the chunk group the router imports for it. */
export function routeFiles(compilation: Compilation): RouteTable {
  const table: Record<string, string[]> = {};
  let home: { route: string; line: number } | null = null;
  for (const group of compilation.chunkGroups) {
    if (group.isInitial()) continue;
    for (const origin of group.origins) {
      // Only the router's own imports (made from the app entry), not a page's lazy parts.
      if (!origin.module || !origin.request || !isAppEntry(origin.module.identifier())) continue;
      const route = routeOfRequest(origin.request);
      if (!route) continue;
      const files = new Set<string>();
      for (const chunk of group.chunks) {
        if (chunk.canBeInitial()) continue;
        for (const file of chunk.files) if (PRELOADABLE.test(file)) files.add(file);
      }
      table[route] = [...files].sort();
      const line = 'start' in origin.loc ? origin.loc.start.line : Infinity;
      if (!home || line < home.line) home = { route, line };
    }
  }
  return { home: home?.route ?? null, files: table };
}

/** Taro's H5 entry is the app config, compiled into the router's table of `import()`s. */
const isAppEntry = (identifier: string) => /[\\/]app\.config\.[jt]s(\?|$)/.test(identifier);

/**
 * The inline script: files are listed once and routes point at them by index, which keeps
 * index.html (revalidated on every visit) small.
 */
export function preloadScript({ home, files: table }: RouteTable, publicPath: string): string {
  const files = [...new Set(Object.values(table).flat())].sort();
  const index = new Map(files.map((f, i) => [f, i]));
  const routes = Object.fromEntries(Object.entries(table).map(([route, fs]) => [route, fs.map((f) => index.get(f)!)]));
  const data = JSON.stringify({ p: publicPath, h: home, f: files, r: routes });
  return (
    `!function(d){var m=(location.hash.match(/^#\\/?([^?]*)/)||[])[1]||d.h,l=d.r[m]||[];` +
    `for(var i=0;i<l.length;i++){var f=d.f[l[i]],e=document.createElement('link');` +
    `e.rel='preload';e.as=/\\.css$/.test(f)?'style':'script';e.href=d.p+f;e.fetchPriority='low';document.head.appendChild(e)}}(${data})`
  );
}

export class RoutePreloadPlugin {
  constructor(private readonly options: RoutePreloadOptions = {}) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    const htmlFile = this.options.htmlFile ?? 'index.html';
    compiler.hooks.thisCompilation.tap('LinliRoutePreload', (compilation) => {
      // After html-webpack-plugin writes index.html (OPTIMIZE_INLINE), before it is precompressed.
      compilation.hooks.processAssets.tap(
        { name: 'LinliRoutePreload', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 1 },
        () => {
          const html = compilation.getAsset(htmlFile);
          if (!html) return;
          const publicPath = typeof compilation.outputOptions.publicPath === 'string' ? compilation.outputOptions.publicPath : '/';
          const script = `<script>${preloadScript(routeFiles(compilation), publicPath)}</script>`;
          // First in <head>'s scripts, so the requests start while the parser reads the rest.
          const text = html.source.source().toString().replace(/<script\b/, `${script}<script`);
          compilation.updateAsset(htmlFile, new sources.RawSource(text));
        },
      );
    });
  }
}
