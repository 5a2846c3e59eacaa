export default definePageConfig({ navigationBarTitleText: '15 分钟生活圈' });
