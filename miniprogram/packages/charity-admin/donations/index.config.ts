export default definePageConfig({ navigationBarTitleText: '捐赠管理' });
