/**
 * Demo data: departments with the demo handler, six grids tiling the demo district (a strip at
 * its edge is left outside every grid, so the dispatcher's queue has work), GB/T 30428-style
 * categories, and a month of reports in every state, made through the real commands with the
 * clock set back, so histories, SLA timers and stats are what the workflow produces.
 */
import type { Types } from 'mongoose';
import type { TCategoryInput } from '@shared/schemas/reports/taxonomy';
import type { DemoOrgs } from '../../demo/seed';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { actOnReport, type StaffAction } from './commands/act';
import { confirmReport, closeUnansweredReports } from './commands/confirm';
import { submitReport } from './commands/submit-report';
import { saveCategory, saveDepartment, saveGrid } from './commands/taxonomy';
import { boxPolygon, DEMO_CENTER } from './geo';
import { Report, ReportCategory, ReportGrid } from './model';

const staffActor = (id: Types.ObjectId, role: 'dispatcher' | 'handler' | 'district_admin'): Actor => ({
  userId: String(id),
  kind: 'staff',
  roles: [{ role }],
  consentVersion: null,
  realNameVerified: false,
  tokenId: 'demo',
});

const sla = (accept: number, arrive: number, resolve: number) => ({ acceptMinutes: accept, arriveMinutes: arrive, resolveMinutes: resolve });

export async function reportDemo(deps: AppDeps, orgs: DemoOrgs): Promise<void> {
  if (await ReportCategory.exists({ code: 'litter' })) return;
  const handlerId = orgs.staff['demo-handler'];
  const dispatcherId = orgs.staff['demo-dispatcher'];
  const residentId = orgs.residents['demo-resident'];
  if (!handlerId || !dispatcherId || !residentId) return;
  const admin = staffActor(dispatcherId, 'district_admin');
  const dept: Record<string, string> = {};
  for (const [key, name, handlers] of [
    ['city', '区城管局', [String(handlerId)]],
    ['municipal', '区市政管理处', [String(handlerId)]],
    ['property', '物业服务中心', []],
    ['env', '区生态环境分局', []],
    ['justice', '街道司法所', []],
  ] as const) {
    const r = await saveDepartment(deps, admin, { name, handlerIds: [...handlers] });
    if (r.outcome === 'saved') dept[key] = String(r.department._id);
  }
  const cats: (Omit<TCategoryInput, 'defaultDepartmentId' | 'active' | 'attributes'> & { dept: string; attributes?: TCategoryInput['attributes'] })[] = [
    { code: 'litter', label: '暴露垃圾', kind: 'event', group: '市容环境', dept: 'city', sla: sla(30, 30, 240), clock: 'around_the_clock' },
    { code: 'illegal_ad', label: '乱张贴', kind: 'event', group: '市容环境', dept: 'city', sla: sla(60, 120, 1440), clock: 'working_day' },
    { code: 'streetlight', label: '路灯损坏', kind: 'component', group: '设施管理', dept: 'municipal', sla: sla(60, 240, 2880), clock: 'working_day', attributes: [{ code: 'pole_no', label: '灯杆编号', required: true }] },
    { code: 'manhole', label: '井盖缺失', kind: 'component', group: '设施管理', dept: 'municipal', sla: sla(10, 30, 120), clock: 'around_the_clock' },
    { code: 'street_vendor', label: '占道经营', kind: 'event', group: '街面秩序', dept: 'city', sla: sla(30, 30, 120), clock: 'around_the_clock' },
    { code: 'construction_noise', label: '施工扰民', kind: 'event', group: '施工管理', dept: 'env', sla: sla(60, 240, 1440), clock: 'working_day' },
    { code: 'road_collapse', label: '道路塌陷', kind: 'event', group: '突发事件', dept: 'municipal', sla: sla(10, 30, 480), clock: 'around_the_clock' },
    { code: 'dispute', label: '矛盾纠纷', kind: 'event', group: '矛盾纠纷', dept: 'justice', sla: sla(60, 1440, 7200), clock: 'working_day' },
  ];
  for (const c of cats) {
    const { dept: d, attributes, ...rest } = c;
    await saveCategory(deps, admin, { ...rest, attributes: attributes ?? [], defaultDepartmentId: dept[d] ?? null, active: true });
  }
  if (!(await ReportGrid.exists({}))) {
    const names = ['幸福里第1网格', '幸福里第2网格', '和平巷第1网格', '和平巷第2网格', '春晓苑第1网格', '春晓苑第2网格'];
    for (const [i, name] of names.entries()) {
      const c = { lng: DEMO_CENTER.lng - 0.03 + (i % 3) * 0.03, lat: DEMO_CENTER.lat - 0.015 + Math.floor(i / 3) * 0.03 };
      await saveGrid(deps, admin, { code: `demo_grid_${i + 1}`, name, polygon: boxPolygon(c, 0.015, 0.015), workerIds: [String(handlerId)], departmentByCategory: {} });
    }
  }
  if (await Report.exists({})) return;
  await seedMonth(deps, { handlerId, dispatcherId, residentId, cityDept: dept.city });
}

/** Thirty days of reports, each pushed to a different final state. */
async function seedMonth(deps: AppDeps, ids: { handlerId: Types.ObjectId; dispatcherId: Types.ObjectId; residentId: Types.ObjectId; cityDept?: string }) {
  const handler = staffActor(ids.handlerId, 'handler');
  const dispatcher = staffActor(ids.dispatcherId, 'dispatcher');
  const base = deps.now().getTime() - 30 * 86_400_000;
  const codes = ['litter', 'street_vendor', 'manhole', 'streetlight', 'illegal_ad', 'road_collapse', 'construction_noise'];
  const ends = ['fixed', 'fixed', 'fixed', 'by_default', 'partly', 'redispatched', 'in_progress', 'dispatched', 'queued', 'rejected', 'transferred', 'resolved'];
  const places = ['幸福路 12 号门前', '和平巷口公交站', '春晓街与幸福路交叉口', '社区服务中心北侧', '春晓苑 5 号楼下', '和平巷 18 号院内'];
  for (let i = 0; i < 36; i++) {
    let t = base + i * 20 * 3_600_000;
    const at = () => ({ ...deps, now: () => new Date(t) });
    const step = (mins: number) => void (t += mins * 60_000);
    const end = ends[i % ends.length];
    const code = codes[i % codes.length];
    const outside = end === 'queued' || end === 'rejected';
    const location = outside
      ? { lng: DEMO_CENTER.lng + 0.052, lat: DEMO_CENTER.lat + 0.01 * ((i % 5) - 2) }
      : { lng: DEMO_CENTER.lng - 0.04 + ((i * 7) % 80) / 1000, lat: DEMO_CENTER.lat - 0.025 + ((i * 11) % 50) / 1000 };
    const r = await submitReport(at(), {
      categoryCode: code,
      description: `${['垃圾堆放多日', '占道摆摊影响通行', '井盖缺失存在隐患', '路灯夜间不亮', '墙面乱贴小广告', '路面出现塌陷', '夜间施工噪音大'][i % 7]}，请尽快处理`,
      attributes: code === 'streetlight' ? { pole_no: `L-${100 + i}` } : {},
      photoIds: [],
      location,
      address: places[i % places.length],
      anonymous: i % 4 === 0,
      reporterId: String(ids.residentId),
    });
    if (r.outcome !== 'routed' && r.outcome !== 'queued') continue;
    const id = String(r.report._id);
    const act = async (actor: Actor, action: StaffAction, body: Record<string, unknown> = {}) =>
      actOnReport(at(), { id, action, actor, body: { photoIds: [], ...body } });
    const work = async (finish = true) => {
      step(20);
      await act(handler, 'take');
      step(i % 3 === 0 ? 50 : 20);
      await act(handler, 'arrive', { location });
      if (!finish) return;
      step(60 + (i % 5) * 40);
      await act(handler, 'resolve', { note: '已到场处置完毕' });
    };
    const confirm = (answer: 'fixed' | 'partly' | 'not_fixed') => {
      step(180);
      return Report.findById(id).lean().then((doc) => doc && confirmReport(at(), { report: doc, userId: String(ids.residentId), name: '居民小王（演示）', body: { answer, photoIds: [], rating: answer === 'fixed' ? 4 + (i % 2) : undefined } }));
    };
    if (end === 'queued') continue;
    if (end === 'rejected') {
      step(30);
      await act(dispatcher, 'reject', { reason: '不属于本区职责范围' });
      continue;
    }
    if (end === 'dispatched') continue;
    if (end === 'transferred') {
      step(40);
      await act(handler, 'transfer', { reason: '应由物业负责' });
      continue;
    }
    await work(end !== 'in_progress');
    if (end === 'in_progress') continue;
    if (end === 'fixed') await confirm('fixed');
    if (end === 'partly') await confirm('partly');
    if (end === 'redispatched') {
      await confirm('not_fixed');
      await work();
      await confirm('fixed');
    }
  }
  await closeUnansweredReports(deps);
}
