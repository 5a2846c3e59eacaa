import fs from 'node:fs';
import path from 'node:path';
import { appLinks } from '@shared/links';
import { mainPages, ROUTES, subPackages } from './routes';

const src = path.resolve(__dirname, '..');

/** Every page component on disk, as a route (`/packages/team/home/index`). */
function pagesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'index.tsx') out.push(`/${path.relative(src, p).replace(/\.tsx$/, '')}`);
    }
  };
  walk(path.join(src, 'pages'));
  walk(path.join(src, 'packages'));
  return out.sort();
}

/** app.config.ts as Taro reads it (defineAppConfig is a build-time global). */
function appConfig(): {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
} {
  (globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../app.config').default;
}

describe('the one route table', () => {
  it('when a page exists on disk, the table lists it, and every listed page exists', () => {
    expect([...new Set(Object.values(ROUTES))].sort()).toEqual(pagesOnDisk());
  });

  it('when app.config.ts is read, its page lists are the table split into main package and subpackages', () => {
    const cfg = appConfig();
    expect(cfg.pages).toEqual(mainPages());
    expect(cfg.pages[0]).toBe('pages/home/index');
    expect(cfg.subPackages).toEqual(subPackages());
    const listed = [...cfg.pages, ...cfg.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    expect(listed.map((p) => `/${p}`).sort()).toEqual(pagesOnDisk());
    for (const tab of cfg.tabBar.list) expect(cfg.pages).toContain(tab.pagePath);
  });

  it('when the server links to a page (notifications, share cards, QR codes), that page is in the table', () => {
    const table = new Set<string>(Object.values(ROUTES));
    const links = Object.values(appLinks).map((link) => link('x'));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(table).toContain(link.split('?')[0]);
  });
});
