export default definePageConfig({ navigationBarTitleText: '大家的求助' });
