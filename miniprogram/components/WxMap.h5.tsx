import type { MapProps } from '@tarojs/components';
import type { ComponentType } from 'react';

/** H5 never renders WeChat's map (see WxMap.tsx); this keeps Taro's map code out of the H5 bundle. */
export const WxMap: ComponentType<MapProps> = () => null;
