export default definePageConfig({ navigationBarTitleText: '志愿服务排行榜' });
