/**
 * H5 root font size for Taro's rem units (designWidth 750, base 20px: 40px at
 * 750 px wide, clamped to 20–40px). Taro's template does this in an inline
 * <script>; the server's Content-Security-Policy forbids inline scripts, so
 * the bundle does it before the first render instead.
 */
export function rootFontSize(width: number, height: number): number {
  const w = Math.min(...[width, height].filter(Boolean));
  const x = (40 * w) / 750;
  return x >= 40 ? 40 : x <= 20 ? 20 : x;
}

export function installRootFontSize(win: Window = window): void {
  const apply = () => {
    const el = win.document.documentElement;
    const r = el.getBoundingClientRect();
    el.style.fontSize = `${rootFontSize(r.width, r.height)}px`;
  };
  win.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
  apply();
}
