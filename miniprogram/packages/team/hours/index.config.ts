export default definePageConfig({ navigationBarTitleText: '时长确认' });
