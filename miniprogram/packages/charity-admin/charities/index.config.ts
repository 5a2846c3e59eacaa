export default definePageConfig({ navigationBarTitleText: '公益机构' });
