import { Button, Image, Picker, Switch, Text, View } from '@tarojs/components';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { LawTopicLink, reportCategoryLawTopic } from '../../../components/community/LawTopicLink';
import { GridLocationPick } from '../../../components/reports/GridLocationPick';
import { SelectField } from '../../../components/reports/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { LocationField } from '../../../components/volunteering/LocationField';
import { useReportForm } from '../../../hooks/reports/useReportForm';
import { useSession } from '../../../hooks/useSession';
import { go, loginRoute } from '../../../services/nav';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

/** 随手拍: category, photos (camera or album), place, description; same problem nearby → 我也遇到. */
export default function NewReportPage() {
  const { loggedIn } = useSession();
  const f = useReportForm(loggedIn);
  if (!loggedIn) {
    return (
      <PageShell title="随手拍">
        <Button className="btn btn--primary" onClick={() => go(loginRoute())}>
          登录后上报问题
        </Button>
      </PageShell>
    );
  }
  const cats = f.categories.data?.items ?? [];
  const cat = cats.find((c) => c.code === f.draft.categoryCode);
  return (
    <PageShell title="随手拍">
      <View className="v-actions">
        <Button id="report-mine-link" className="btn btn--plain" onClick={() => go(ROUTES.reportMine)}>
          我的上报
        </Button>
        <Button id="report-public-link" className="btn btn--plain" onClick={() => go(ROUTES.reportPublic)}>
          大家的上报
        </Button>
      </View>
      <View className="card">
        <Picker mode="selector" range={cats.map((c) => `${c.group} · ${c.label}`)} onChange={(e) => f.setField('categoryCode', cats[Number(e.detail.value)]?.code ?? '')}>
          <View className={`row${f.errors.categoryCode ? ' field--invalid' : ''}`} id="report-category">
            <Text className="row__label">问题类别</Text>
            <Text id="report-category-value">{cat ? `${cat.group} · ${cat.label}` : '请选择'} ▾</Text>
          </View>
        </Picker>
        {f.errors.categoryCode ? <Text className="field-error" id="report-category-error">{f.errors.categoryCode}</Text> : null}
        <LawTopicLink topic={cat ? reportCategoryLawTopic(cat) : undefined} />
        {(cat?.attributes ?? []).map((a) => a.options?.length ? (
          <SelectField
            key={a.code}
            id={`report-attr-${a.code}`}
            label={a.label}
            options={a.options.map((o) => ({ key: o, label: o }))}
            value={f.draft.attributes[a.code] ?? null}
            error={f.errors[`attributes.${a.code}`]}
            onChange={(v) => f.setField('attributes', { ...f.draft.attributes, [a.code]: v })}
          />
        ) : (
          <FormField
            key={a.code}
            id={`report-attr-${a.code}`}
            label={a.label}
            value={f.draft.attributes[a.code] ?? ''}
            error={f.errors[`attributes.${a.code}`]}
            maxlength={100}
            onChange={(v) => f.setField('attributes', { ...f.draft.attributes, [a.code]: v })}
          />
        ))}
        <View className="field" id="report-photos">
          <Text className="field__label">照片（最多 9 张，自动去除位置等隐私信息）</Text>
          <View className="v-actions">
            {f.draft.photos.map((p) => (
              <Image key={p.id} className="v-thumb" src={p.preview} mode="aspectFill" />
            ))}
          </View>
          <Button id="report-photo-add" className="btn btn--plain" loading={f.action.busy === 'photo'} onClick={() => void f.addPhoto()}>
            拍照或从相册选择
          </Button>
        </View>
        <LocationField id="report-location" value={f.draft.location} error={f.errors.location ?? f.errors['location.lng']} onChange={(loc, address) => {
          f.setField('location', loc);
          if (address && !f.draft.address) f.setField('address', address);
        }} />
        <GridLocationPick id="report-location-fallback" near={f.draft.location} onPick={(point, gridName) => {
          f.setField('location', point);
          if (!f.draft.address) f.setField('address', `${gridName}内`);
        }} />
        <FormField id="report-address" label="地址" value={f.draft.address} error={f.errors.address} maxlength={100} onChange={(v) => f.setField('address', v)} />
        {f.nearby.length ? (
          <View className="card" id="report-nearby">
            <Text className="card__title">附近 50 米内已有同类问题，可点“我也遇到”关注，不必重复上报</Text>
            {f.nearby.map((r) => (
              <View key={r.id} className="v-item" id={`report-nearby-${r.id}`}>
                <Text className="v-item__meta">
                  {r.description}（{r.distanceM} 米，{r.followers} 人关注）
                </Text>
                <Button className="btn btn--plain" id={`report-follow-${r.id}`} onClick={() => void f.follow(r.id)}>
                  我也遇到
                </Button>
              </View>
            ))}
          </View>
        ) : null}
        <TextAreaField id="report-description" label="问题描述" value={f.draft.description} error={f.errors.description} maxlength={1000} onChange={(v) => f.setField('description', v)} />
        <View className="row">
          <Text className="row__label">匿名上报（公开页面不显示，工作人员可见）</Text>
          <Switch id="report-anonymous" checked={f.draft.anonymous} onChange={(e) => f.setField('anonymous', e.detail.value)} />
        </View>
        <Notice message={f.action.error} id="report-error" />
        <Notice type="success" message={f.action.success} id="report-success" />
        <Button id="report-submit" className="btn btn--primary" loading={f.action.busy === 'submit'} onClick={() => void f.submit()}>
          提交
        </Button>
        {f.submittedId ? (
          <Button id="report-view" data-report-id={f.submittedId} className="btn btn--plain" onClick={() => go(`${ROUTES.reportDetail}?id=${f.submittedId}`)}>
            查看处理进度
          </Button>
        ) : null}
      </View>
    </PageShell>
  );
}
