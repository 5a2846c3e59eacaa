import { Button, Image, Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { TextAreaField } from '../../../components/TextAreaField';
import { useReportDetail } from '../../../hooks/reports/useReportDetail';
import { formatTime } from '../../../services/format';
import { reportPhotoUrl } from '../../../services/reports';
import '../../../components/volunteering/volunteering.scss';

const ANSWERS = [
  { key: 'fixed', label: '已解决' },
  { key: 'partly', label: '部分解决' },
  { key: 'not_fixed', label: '未解决（重新派遣）' },
] as const;

export default function ReportDetailPage() {
  const { id = '' } = useRouter().params;
  const d = useReportDetail(id);
  const r = d.detail.data;
  if (!r) return <PageShell title="问题详情">{d.detail.loading ? <SkeletonCards count={2} /> : <Notice message={d.detail.error ?? '问题不存在'} />}</PageShell>;
  const file = 'history' in r ? r : null;
  return (
    <PageShell title="问题详情">
      <View className="card" id="report-detail">
        <Text className="v-item__title">{r.categoryLabel}</Text>
        <Text className="v-badge" id="report-status">
          {r.statusLabel}
          {r.overdue ? ' · 已超时' : ''}
        </Text>
        <Text className="v-item__meta">{r.description}</Text>
        <Text className="v-item__meta">
          {r.address} · {formatTime(r.createdAt)} · {r.followers} 人关注
        </Text>
        <View className="v-actions">
          {r.photos.map((p) => (
            <Image key={p.id} className="v-thumb" src={reportPhotoUrl(p.thumbUrl)} mode="aspectFill" />
          ))}
        </View>
        {file?.confirmation ? (
          <Text className="v-item__meta" id="report-confirmation">
            居民确认：{ANSWERS.find((a) => a.key === file.confirmation?.answer)?.label ?? ''}
            {file.confirmation.rating ? ` · 评价 ${file.confirmation.rating} 分` : ''}
          </Text>
        ) : null}
        {file?.abilities.follow && !file.following ? (
          <Button id="report-follow" className="btn btn--plain" onClick={() => void d.follow()}>
            我也遇到，关注进展
          </Button>
        ) : null}
      </View>
      {file?.abilities.confirm ? (
        <View className="card" id="report-confirm">
          <Text className="card__title">处置完成，请确认是否解决</Text>
          <Picker mode="selector" range={ANSWERS.map((a) => a.label)} onChange={(e) => d.setAnswer(ANSWERS[Number(e.detail.value)].key)}>
            <View className="row" id="report-confirm-answer">
              <Text className="row__label">结果</Text>
              <Text id="report-confirm-answer-value">{ANSWERS.find((a) => a.key === d.answer)?.label} ▾</Text>
            </View>
          </Picker>
          {d.answer !== 'not_fixed' ? (
            <Picker mode="selector" range={['1 分', '2 分', '3 分', '4 分', '5 分']} value={d.rating - 1} onChange={(e) => d.setRating(Number(e.detail.value) + 1)}>
              <View className="row" id="report-confirm-rating">
                <Text className="row__label">评价</Text>
                <Text id="report-confirm-rating-value">
                  {'★'.repeat(d.rating)} {d.rating} 分 ▾
                </Text>
              </View>
            </Picker>
          ) : null}
          <TextAreaField id="report-confirm-note" label="补充说明（选填）" value={d.note} maxlength={500} onChange={d.setNote} />
          <Button id="report-confirm-photo" className="btn btn--plain" onClick={() => void d.addPhoto()}>
            附照片（选填，已选 {d.photoIds.length} 张）
          </Button>
          <Button id="report-confirm-submit" className="btn btn--primary" loading={d.action.busy === 'confirm'} onClick={() => void d.confirm()}>
            提交确认
          </Button>
        </View>
      ) : null}
      {file?.abilities.reporter_reopen ? (
        <View className="card" id="report-reopen">
          <Text className="card__title">问题又出现了或并未解决？可以重新打开</Text>
          <TextAreaField id="report-reopen-reason" label="原因" value={d.reopenReason} error={d.reopenError ?? undefined} maxlength={200} onChange={d.setReopenReason} />
          <Button id="report-reopen-submit" className="btn btn--primary" loading={d.action.busy === 'reopen'} onClick={() => void d.reopen()}>
            重新打开
          </Button>
        </View>
      ) : null}
      <Notice message={d.action.error} id="report-detail-error" />
      <Notice type="success" message={d.action.success} id="report-detail-success" />
      {file ? (
        <View className="card" id="report-history">
          <Text className="card__title">处理记录</Text>
          {file.history.map((h, i) => (
            <View key={i} className="v-item">
              <Text className="v-item__meta">
                {formatTime(h.at)} · {h.label} · {h.actorName}
              </Text>
              {h.note ? <Text className="v-item__meta">{h.note}</Text> : null}
              {h.photos.length ? (
                <View className="v-actions">
                  {h.photos.map((p) => (
                    <Image key={p.id} className="v-thumb report-history-photo" src={reportPhotoUrl(p.thumbUrl)} mode="aspectFill" />
                  ))}
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
