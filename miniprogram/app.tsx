import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { bootSession } from './services/auth-flow';
import { installRootFontSize } from './services/h5-rem';
import { installFieldWatcherGuard } from './services/h5-field-guard';
import { installJavascriptLinkGuard } from './services/h5-links';
import { startFirstScreenReads } from './services/first-screen';
import './app.scss';

if (process.env.TARO_ENV === 'h5') {
  // First, so the page's data is on its way while the rest of the app's script runs.
  startFirstScreenReads(window.location.hash);
  installRootFontSize();
  installJavascriptLinkGuard();
  installFieldWatcherGuard();
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void bootSession();
  });
  return children;
}

export default App;
