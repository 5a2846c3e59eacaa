export default definePageConfig({ navigationBarTitleText: '求助审核' });
