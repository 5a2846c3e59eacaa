export default definePageConfig({ navigationBarTitleText: '法规库' });
