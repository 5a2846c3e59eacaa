export default definePageConfig({ navigationBarTitleText: '捐赠确认核验' });
