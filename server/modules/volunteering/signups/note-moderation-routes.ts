import {
  ZHeldNotesQuery,
  ZSignupNoteModerationInput,
  ZSignupParams,
  type THeldNoteDto,
  type THeldNotesQuery,
  type TSignupNoteModerationInput,
  type TSignupParams,
} from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { anyRole } from '../../../http/policy';
import { fail } from '../../../http/errors';
import { Activity, type ActivityDoc } from '../activities/model';
import { Volunteer, type VolunteerDoc } from '../volunteers/model';
import { moderateSignupNote } from './commands/moderate-note';
import { Signup, type SignupDoc } from './model';

const HELD = { noteHeld: true };

function presentHeldNote(
  s: SignupDoc,
  activity: ActivityDoc | undefined,
  volunteer: VolunteerDoc | undefined,
): THeldNoteDto {
  return {
    signupId: String(s._id),
    activityId: String(s.activity),
    activityTitle: activity?.title ?? '',
    teamName: activity?.teamName ?? '',
    volunteerNo: volunteer?.volunteerNo ?? '',
    nameMasked: volunteer?.nameMasked ?? '',
    note: s.note,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  };
}

/** The district's queue of signup notes held by the content check, and its decision. */
export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, THeldNotesQuery>({
      method: 'get',
      path: '/api/admin/signup-notes',
      summary: '待审核的报名备注（区级管理员）：内容安全检测建议人工复核、暂不向组织方展示的备注，先到先审',
      tags: ['volunteering', 'admin'],
      policy: anyRole('district_admin'),
      query: ZHeldNotesQuery,
      handler: async (ctx, { query }) => {
        const [rows, total] = await Promise.all([
          Signup.find(HELD)
            .sort({ createdAt: 1, _id: 1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean<SignupDoc[]>(),
          Signup.countDocuments(HELD),
        ]);
        const [activities, volunteers] = await Promise.all([
          Activity.find({ _id: { $in: rows.map((s) => s.activity) } }, { title: 1, teamName: 1 }).lean<ActivityDoc[]>(),
          Volunteer.find({ user: { $in: rows.map((s) => s.user) } }, { user: 1, volunteerNo: 1, nameMasked: 1 }).lean<
            VolunteerDoc[]
          >(),
        ]);
        const activityById = new Map(activities.map((a) => [String(a._id), a]));
        const volunteerByUser = new Map(volunteers.map((v) => [String(v.user), v]));
        ctx.body = {
          items: rows.map((s) =>
            presentHeldNote(s, activityById.get(String(s.activity)), volunteerByUser.get(String(s.user))),
          ),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<TSignupNoteModerationInput, undefined, TSignupParams>({
      method: 'post',
      path: '/api/admin/signups/:id/note-moderation',
      summary: '审核报名备注（区级管理员）：通过后组织方可见，驳回则删除备注（报名仍有效）并通知志愿者；记入审计',
      tags: ['volunteering', 'admin'],
      policy: anyRole('district_admin'),
      params: ZSignupParams,
      body: ZSignupNoteModerationInput,
      handler: async (ctx, { params, body }) => {
        const r = await moderateSignupNote(deps, ctx.state.actor!, params.id, body, ctx.state.requestId);
        if (r.outcome === 'not_found') throw fail('not_found');
        if (r.outcome === 'nothing_held') throw fail('conflict', '该备注没有待审核的内容，请刷新后重试');
        ctx.body = { outcome: r.outcome, note: r.signup.note, status: r.signup.status };
      },
    }),
  ];
}
