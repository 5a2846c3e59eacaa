export default definePageConfig({ navigationBarTitleText: '证明出具' });
