export default definePageConfig({ navigationBarTitleText: '证明公示' });
