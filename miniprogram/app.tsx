import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { bootSession } from './services/auth-flow';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void bootSession();
  });
  return children;
}

export default App;
