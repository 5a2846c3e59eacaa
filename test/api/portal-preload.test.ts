/**
 * Route-aware preloading (config/route-preload.ts): index.html carries an inline script that asks
 * for the opened page's own files at once. These tests run that script against a page's URL, and
 * check that the server's Content-Security-Policy allows exactly the inline scripts of the
 * index.html it serves (by hash), so the browser runs it, and nothing else inline.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { preloadScript, routeOfRequest, type RouteTable } from '../../config/route-preload';
import { createTestContext, type TestContext } from '../support';

const TABLE: RouteTable = {
  home: 'pages/home/index',
  files: {
    'pages/home/index': ['css/873.aa.css', 'js/873.aa.js', 'js/npm.tarojs.components.bb.js'],
    'pages/activity/index': ['js/2442.cc.js', 'js/npm.tarojs.components.bb.js'],
  },
};

interface FakeLink {
  rel?: string;
  as?: string;
  href?: string;
  fetchPriority?: string;
}

/** Runs the inline script as a browser would at this hash; returns the links it added. */
function runAt(hash: string, script = preloadScript(TABLE, '/')): FakeLink[] {
  const added: FakeLink[] = [];
  const document = { createElement: () => ({}) as FakeLink, head: { appendChild: (l: FakeLink) => added.push(l) } };
  vm.runInNewContext(script, { location: { hash }, document });
  return added;
}

describe('the preload script in index.html', () => {
  it('when the hash is empty, asks for the home page files, scripts as scripts and styles as styles', () => {
    const links = runAt('');
    expect(links.map((l) => l.href)).toEqual(['/css/873.aa.css', '/js/873.aa.js', '/js/npm.tarojs.components.bb.js']);
    expect(links.map((l) => l.as)).toEqual(['style', 'script', 'script']);
    // Low priority, so the app's own scripts, which the page cannot start without, come first.
    expect(links.every((l) => l.rel === 'preload' && l.fetchPriority === 'low')).toBe(true);
  });

  it('when a page is opened by its link, with a query, asks for that page only', () => {
    expect(runAt('#/pages/activity/index?id=1&from=share').map((l) => l.href)).toEqual([
      '/js/2442.cc.js',
      '/js/npm.tarojs.components.bb.js',
    ]);
  });

  it('when the route is not in the table, asks for nothing and does not fail', () => {
    expect(runAt('#/packages/unknown/index')).toEqual([]);
    expect(runAt('#/')).toHaveLength(3);
  });

  it('lists each file once however many pages share it', () => {
    const script = preloadScript(TABLE, '/');
    expect(script.split('npm.tarojs.components.bb.js').length - 1).toBe(1);
  });

  it('reads the route from the import the router makes, with or without a path or loader query', () => {
    expect(routeOfRequest('./pages/home/index')).toBe('pages/home/index');
    expect(routeOfRequest('/srv/linli/miniprogram/packages/volunteer/activity/index.tsx?page=1')).toBe(
      'packages/volunteer/activity/index',
    );
    expect(routeOfRequest('./services/api')).toBeNull();
  });
});

describe('the Content-Security-Policy of the portal page', () => {
  let ctx: TestContext;
  let script: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-h5-preload-'));
    script = preloadScript(TABLE, '/');
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><html><head><script>${script}</script><script defer src="/js/app.12345678.js"></script></head><body></body></html>`,
    );
    writeFileSync(path.join(dir, 'plain.html'), '<!doctype html><p>x</p>');
    ctx = await createTestContext({ staticDir: dir });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const scriptSrc = (policy: string) => policy.split('; ').find((d) => d.startsWith('script-src '))!;

  it('when index.html is served, allows its inline script by hash and still no other inline script', async () => {
    const res = await ctx.http.get('/');
    expect(res.status).toBe(200);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    const src = scriptSrc(res.headers['content-security-policy']);
    expect(src).toBe(`script-src 'self' 'sha256-${hash}'`);
    expect(src).not.toContain('unsafe-inline');
    // A client-side route is the same page, with the same policy.
    expect((await ctx.http.get('/pages/me/index')).headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });

  it('when anything else is served, the policy allows no inline script at all', async () => {
    expect(scriptSrc((await ctx.http.get('/plain.html')).headers['content-security-policy'])).toBe("script-src 'self'");
    expect(scriptSrc((await ctx.http.get('/api/health')).headers['content-security-policy'])).toBe("script-src 'self'");
  });
});
