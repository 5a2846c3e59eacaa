import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { go } from '../../../services/nav';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

const PAGES = [
  { key: 'categories', title: '问题类别', description: '事件与部件分类、默认部门、受理/到场/处置时限、附加属性', url: ROUTES.reportAdminCategories },
  { key: 'departments', title: '处置部门', description: '部门与处置人员', url: ROUTES.reportAdminDepartments },
  { key: 'grids', title: '网格', description: '网格边界与网格员，GeoJSON 导入', url: ROUTES.reportAdminGrids },
  { key: 'calendar', title: '工作日历', description: '法定节假日与调休上班日（工作日计时的类别使用）', url: ROUTES.reportAdminCalendar },
  { key: 'keys', title: 'Open311 接口密钥', description: '为外部系统签发或吊销接口密钥', url: ROUTES.reportAdminKeys },
];

/** 随手拍设置 (district admins): the way into the taxonomy, departments, grids, calendar and API keys. */
export default function ReportAdminHomePage() {
  useStaffGuard('district_admin');
  return (
    <PageShell title="随手拍设置">
      <View id="report-admin-entries">
        {PAGES.map((p) => (
          <View key={p.key} className="card v-item" id={`report-admin-${p.key}`} onClick={() => go(p.url)}>
            <Text className="v-item__title">{p.title}</Text>
            <Text className="v-item__meta">{p.description}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
