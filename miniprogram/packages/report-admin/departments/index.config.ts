export default definePageConfig({ navigationBarTitleText: '处置部门' });
