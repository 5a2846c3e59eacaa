export default definePageConfig({ navigationBarTitleText: '公益捐赠' });
