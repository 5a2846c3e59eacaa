export default definePageConfig({ navigationBarTitleText: '诊所管理' });
