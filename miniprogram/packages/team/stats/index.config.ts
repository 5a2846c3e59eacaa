export default definePageConfig({ navigationBarTitleText: '团队统计' });
