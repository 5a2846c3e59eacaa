import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import { useElderMode } from '../hooks/useElderMode';

interface Props {
  title?: string;
  className?: string;
}

/**
 * Root container of every page. Carries `page--elder` when 长辈模式 is on, so
 * the theme mixins scale text and raise contrast on every page alike.
 */
export function PageShell({ title, className, children }: PropsWithChildren<Props>) {
  const { elderMode } = useElderMode();
  const classes = ['page', elderMode ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} id="page-root">
      {title ? <Text className="page__title">{title}</Text> : null}
      {children}
    </View>
  );
}
