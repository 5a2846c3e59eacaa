export default definePageConfig({ navigationBarTitleText: '失约申诉' });
