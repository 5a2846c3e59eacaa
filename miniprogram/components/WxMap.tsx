/**
 * WeChat's native map, for weapp pages only: on H5 the pages show StaticMap or a list instead.
 * WxMap.h5.tsx takes this file's place in the H5 build (Taro resolves `.h5` files first), so the
 * H5 bundle leaves out Taro's map component and the gesture library it pulls in; otherwise both
 * ride in the components chunk every H5 page loads, the resident's first screen included.
 */
export { Map as WxMap } from '@tarojs/components';
