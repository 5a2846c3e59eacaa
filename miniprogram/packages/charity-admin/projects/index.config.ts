export default definePageConfig({ navigationBarTitleText: '公益项目管理' });
