import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { bootSession } from './services/auth-flow';
import { installRootFontSize } from './services/h5-rem';
import { installFieldWatcherGuard } from './services/h5-field-guard';
import { installJavascriptLinkGuard } from './services/h5-links';
import './app.scss';

if (process.env.TARO_ENV === 'h5') {
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
