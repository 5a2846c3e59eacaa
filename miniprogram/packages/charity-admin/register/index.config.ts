export default definePageConfig({ navigationBarTitleText: '登记公益机构' });
