export default definePageConfig({ navigationBarTitleText: '证明确认' });
