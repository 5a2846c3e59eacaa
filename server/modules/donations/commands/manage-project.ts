import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import { ZCharityInput, ZProjectInput } from '@shared/schemas/donations';
import type { z } from 'zod';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { holdForReview, releaseHold } from '../../review';
import { inspectMerchant } from '../merchant-view';
import { Charity, DonationImage, Project, type CharityDoc, type ProjectDoc } from '../model';

export const PROJECT_REVIEW_KIND = 'charity-project';

type CharityIn = z.output<typeof ZCharityInput>;
type ProjectIn = z.output<typeof ZProjectInput>;

export async function createCharity(
  deps: AppDeps,
  actor: Actor,
  input: CharityIn,
  requestId?: string,
): Promise<{ outcome: 'created'; charity: CharityDoc } | Refusal<'uscc_taken'> | { outcome: 'unreadable'; fields: TFieldError[] } | { outcome: 'key_mismatch'; fields: TFieldError[] }> {
  // The merchant's keys must load, and the private key be the certificate's, before it is registered.
  const { problems, mismatches } = inspectMerchant(input.merchant, 'merchant.');
  if (problems.length) return { outcome: 'unreadable', fields: problems };
  if (mismatches.length) return { outcome: 'key_mismatch', fields: mismatches };
  if (await Charity.exists({ uscc: input.uscc })) return { outcome: 'uscc_taken' };
  return inUnitOfWork(deps, async (uow) => {
    const [charity] = await Charity.create([{ ...input, createdBy: new Types.ObjectId(actor.userId), createdAt: deps.now(), version: 1 }]);
    const id = String(charity._id);
    uow.emit({
      type: 'charity.created',
      aggregate: `charity:${id}`,
      payload: { id },
      // Paths and key references only: key material never reaches the audit log.
      audit: { actor: auditActor(actor), action: 'charity.create', target: { type: 'charity', id }, after: { name: input.name, uscc: input.uscc, mchId: input.merchant.mchId }, requestId },
    });
    return { outcome: 'created' as const, charity: charity.toObject() };
  });
}

async function coverExists(coverId: string | undefined): Promise<boolean> {
  return !coverId || Boolean(await DonationImage.exists({ _id: new Types.ObjectId(coverId), purpose: 'cover' }));
}

/** Creates a draft, or edits a draft / a project sent back by review (published text changes go through review again). */
export async function saveProject(
  deps: AppDeps,
  actor: Actor,
  input: ProjectIn,
  existing?: ProjectDoc,
  requestId?: string,
): Promise<{ outcome: 'saved'; project: ProjectDoc } | Refusal<'charity_not_found' | 'cover_not_found' | 'not_editable'>> {
  if (!(await Charity.exists({ _id: new Types.ObjectId(input.charityId) }))) return { outcome: 'charity_not_found' };
  if (!(await coverExists(input.coverId))) return { outcome: 'cover_not_found' };
  const fields = {
    charity: new Types.ObjectId(input.charityId),
    title: input.title,
    story: input.story,
    cover: input.coverId ? new Types.ObjectId(input.coverId) : undefined,
    goalFen: input.goalFen,
    startAt: input.startAt,
    endAt: input.endAt,
  };
  return inUnitOfWork(deps, async (uow) => {
    let project: ProjectDoc | null;
    if (existing) {
      project = await Project.findOneAndUpdate({ _id: existing._id, status: 'draft' }, { $set: fields }, { returnDocument: 'after' }).lean();
      if (!project) return uow.rollback({ outcome: 'not_editable' as const });
    } else {
      const [doc] = await Project.create([{ ...fields, status: 'draft', createdBy: new Types.ObjectId(actor.userId), createdAt: deps.now() }]);
      project = doc.toObject();
    }
    const id = String(project._id);
    uow.emit({
      type: existing ? 'charity_project.updated' : 'charity_project.created',
      aggregate: `charity_project:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: existing ? 'charity_project.update' : 'charity_project.create', target: { type: 'charity_project', id }, after: { title: input.title, goalFen: input.goalFen }, requestId },
    });
    return { outcome: 'saved' as const, project };
  });
}

/**
 * Publishing sends the story and the cover to the district's 内容审核 queue: a public
 * fundraising page goes live only once a person has read it (issue 13). Approval publishes.
 */
export async function submitProject(
  deps: AppDeps,
  actor: Actor,
  project: ProjectDoc,
  requestId?: string,
): Promise<{ outcome: 'in_review'; project: ProjectDoc } | Refusal<'not_editable'>> {
  const updated = await inUnitOfWork(deps, async (uow) => {
    const p = await Project.findOneAndUpdate({ _id: project._id, status: 'draft' }, { $set: { status: 'in_review' }, $unset: { reviewNote: 1 } }, { returnDocument: 'after' }).lean();
    if (!p) return null;
    const id = String(p._id);
    uow.emit({
      type: 'charity_project.submitted',
      aggregate: `charity_project:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'charity_project.submit', target: { type: 'charity_project', id }, before: { status: 'draft' }, after: { status: 'in_review' }, requestId },
    });
    return p;
  });
  if (!updated) return { outcome: 'not_editable' };
  const charity = await Charity.findById(updated.charity, { name: 1 }).lean();
  await holdForReview(deps, {
    kind: PROJECT_REVIEW_KIND,
    ref: String(updated._id),
    title: updated.title,
    text: updated.story,
    images: updated.cover ? [{ url: `/api/charity/images/${String(updated.cover)}/file`, label: '封面' }] : [],
    author: { userId: actor.userId, nameMasked: '区级管理员' },
    context: [
      { label: '公益机构', value: charity?.name ?? '' },
      { label: '目标金额（元）', value: (updated.goalFen / 100).toFixed(2) },
    ],
  });
  return { outcome: 'in_review', project: updated };
}

/** The review decision: approve publishes, reject returns the project to draft with the reason. */
export async function applyProjectReview(deps: AppDeps, projectId: string, approve: boolean, reason?: string): Promise<ProjectDoc | null> {
  return Project.findOneAndUpdate(
    { _id: new Types.ObjectId(projectId), status: 'in_review' },
    approve ? { $set: { status: 'published', publishedAt: deps.now() }, $unset: { reviewNote: 1 } } : { $set: { status: 'draft', reviewNote: reason ?? '' } },
    { returnDocument: 'after' },
  ).lean();
}

export async function closeProject(
  deps: AppDeps,
  actor: Actor,
  project: ProjectDoc,
  requestId?: string,
): Promise<{ outcome: 'closed'; project: ProjectDoc } | Refusal<'not_open'>> {
  const r = await inUnitOfWork(deps, async (uow) => {
    const p = await Project.findOneAndUpdate({ _id: project._id, status: { $in: ['draft', 'in_review', 'published'] } }, { $set: { status: 'closed' } }, { returnDocument: 'after' }).lean();
    if (!p) return null;
    const id = String(p._id);
    uow.emit({
      type: 'charity_project.closed',
      aggregate: `charity_project:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'charity_project.close', target: { type: 'charity_project', id }, before: { status: project.status }, after: { status: 'closed' }, requestId },
    });
    return p;
  });
  if (!r) return { outcome: 'not_open' };
  await releaseHold(PROJECT_REVIEW_KIND, String(r._id));
  return { outcome: 'closed', project: r };
}

