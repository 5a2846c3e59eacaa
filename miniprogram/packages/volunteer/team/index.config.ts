export default definePageConfig({ navigationBarTitleText: '志愿团队' });
