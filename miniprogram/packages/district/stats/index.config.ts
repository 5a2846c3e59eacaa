export default definePageConfig({ navigationBarTitleText: '志愿服务统计' });
