export default definePageConfig({ navigationBarTitleText: '申请成立团队' });
