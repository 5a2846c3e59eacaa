import { mainPages, subPackages } from './services/routes';

/**
 * Main package: the four tabs, login and consent. Each staff role lives in its
 * own subpackage so residents never download portal code. Later issues add
 * `packages/clinic`, `packages/dispatch` the same way: a group of lines in
 * services/routes.ts, which builds both page lists below.
 */
export default defineAppConfig({
  // Both lists come from the one route table (services/routes.ts).
  pages: mainPages(),
  subPackages: subPackages(),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0f7b55',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#4e5969',
    selectedColor: '#0f7b55',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/activity/index',
        text: '活动',
        iconPath: 'assets/tab/activity.png',
        selectedIconPath: 'assets/tab/activity-active.png',
      },
      {
        pagePath: 'pages/services/index',
        text: '办事',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // H5 only: no slide animation between pages. Pages appear at once, which
  // suits the elder-mode audience and keeps browser tests deterministic.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  permission: {
    'scope.userLocation': { desc: '用于查找您附近的志愿活动，以及在随手拍中标注问题位置' },
  },
});
