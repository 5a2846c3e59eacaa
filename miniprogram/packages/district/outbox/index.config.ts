export default definePageConfig({ navigationBarTitleText: '事件投递' });
