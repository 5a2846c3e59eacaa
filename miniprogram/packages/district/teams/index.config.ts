export default definePageConfig({ navigationBarTitleText: '团队认证' });
