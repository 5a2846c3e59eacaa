/**
 * Taro's H5 tab bar renders each tab as <a href="javascript:;"> with its own click handler.
 * The portal's CSP has no 'unsafe-inline', so following that href logs a CSP violation on
 * every tab tap. Cancelling the link's default action (capture phase, before it navigates)
 * leaves Taro's handler to switch the tab and nothing for the CSP to refuse.
 */
export function installJavascriptLinkGuard(): void {
  document.addEventListener(
    'click',
    (e) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="javascript:"]');
      if (link) e.preventDefault();
    },
    true,
  );
}
