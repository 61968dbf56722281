/**
 * Filing a report, crash-safe by construction. The submission's key (from the client's
 * request id) names everything it writes: its place in the daily quota (`quota.ts`), the
 * report's number (drawn from the key, so the same submission always lands on the same
 * document) and its pushes. So the client's retry after a lost answer, or a function that
 * died half-way, never files a second report nor tells anyone twice: the retry finds the
 * report and finishes what the dead one left (photo checks, the review hold, the pushes).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { SubmitOutput } from '../../typings/functions/report';
import type { ResidentDoc } from '../shared/docs';
import { isStaff } from '../shared/domain/roles';
import {
  alsoAlertStaff,
  type BuildingShape,
  assignmentLabel,
  floorOfRoom,
  handlerKeys,
  handlesReports,
  reportNo,
  resolvePlace,
  routeReport,
  type ResolvedPlace,
} from '../shared/domain/report';
import { AppError } from '../shared/errors';
import { assertNotBlocked, holdForReview, screenText, submitImages } from '../shared/moderation';
import { actFor } from '../shared/proxy';
import { acceptUploads, checkOwnedPaths } from '../shared/storage';
import { insertOrFind } from '../shared/unique';
import type { ReportConfigDoc, ReportDoc, ReportImage, TimelineDoc } from './docs';
import { alertStaff, tellHandlers } from './notify';
import { submissionKey, takeQuota } from './quota';
import type { draftInput } from './schemas';
import { entryId, loadResident, loadTeams } from './store';

type Draft = z.infer<typeof draftInput>;

/** Whose report it is: the caller, or a senior a confirmed relative (or staff, with a reason) files for. */
async function subjectOf(
  actor: ResidentDoc,
  forResidentId: string | undefined,
  proxyReason: string | undefined,
  now: Date,
) {
  if (!forResidentId || forResidentId === actor._id) {
    if (actor.binding.status !== 'verified' && !handlesReports(actor.roles)) {
      throw new AppError('NOT_VERIFIED', '住户信息审核通过后才能报事');
    }
    return { subject: actor, proxy: undefined };
  }
  // An assigned carer (关爱) files a follow-up of a visit for the person too.
  const record = await actFor(actor, forResidentId, now, proxyReason, { carers: true });
  const subject = await loadResident(forResidentId);
  if (!subject || subject.binding.status !== 'verified' || !record) {
    throw new AppError('NOT_FOUND', '找不到这位居民的住户信息');
  }
  return { subject, proxy: { ...record, actorName: actor.name } };
}

/** The report's number for the submission's `attempt`-th draw: the same key, the same numbers. */
function numberFor(key: string, attempt: number, now: Date): string {
  const digest = createHash('sha256').update(`${key}:${attempt}`).digest();
  let i = 0;
  return reportNo(now, () => digest[i++]! / 256);
}

/** Writes the report under the submission's number, or finds it written by an earlier try. */
async function insertReport(draft: Omit<ReportDoc, '_id'>, key: string, now: Date): Promise<ReportDoc> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const doc: ReportDoc = { ...draft, _id: numberFor(key, attempt, now) };
    const outcome = await insertOrFind('reports', doc);
    if (outcome.created) return doc;
    // Filed by this submission before (a retry), or another report's number: draw the next.
    if (outcome.existing.requestKey === key) return outcome.existing;
  }
  throw new AppError('CONFLICT', '报事编号繁忙，请稍后再试');
}

/** What the runtime read with the caller (report/store.ts CONFIG_AND_BUILDINGS). */
export interface SubmitContext {
  config: ReportConfigDoc;
  buildings: BuildingShape[];
}

export async function submitReport(
  actor: ResidentDoc,
  openid: string,
  input: Draft,
  now: Date,
  { config, buildings }: SubmitContext,
): Promise<SubmitOutput> {
  assertNotBlocked(actor, now);
  // A photo outside the caller's own folder is refused before anything else happens.
  checkOwnedPaths('report', openid, input.images);
  const { subject, proxy } = await subjectOf(actor, input.forResidentId, input.proxyReason, now);
  const category = config.categories.find((c) => c.id === input.categoryId && c.enabled);
  if (!category) throw new AppError('INVALID_INPUT', '请选择报事类别');
  let placeInputValue = input.place;
  if (input.household) {
    const home = subject.binding.status === 'verified' ? subject.binding.address : undefined;
    if (!home) throw new AppError('CONFLICT', '没有登记住址，不能报家里的事');
    const floor = floorOfRoom(home.room);
    placeInputValue = {
      kind: 'building',
      buildingNo: home.buildingNo,
      unitNo: home.unitNo,
      ...(floor ? { floor } : {}),
    };
  }
  const outcome = resolvePlace(placeInputValue!, buildings, config.spots);
  if ('problem' in outcome) throw new AppError('INVALID_INPUT', outcome.problem);
  const place: ResolvedPlace = outcome.place;
  await acceptUploads('report', openid, input.images);
  const pointName = input.place?.kind === 'point' ? (input.place.name ?? '') : '';
  const verdict = await screenText(openid, 3, [input.description, pointName]);
  const key = submissionKey(actor._id, input.requestId, now);
  if (!isStaff(actor.roles)) await takeQuota(actor._id, key, now);

  const assignment = routeReport(category.route, place);
  const names =
    assignment.kind === 'team'
      ? new Map((await loadTeams()).map((team) => [team.id, team.name]))
      : new Map<string, string>();
  const label = assignmentLabel(assignment, names);
  const images: ReportImage[] = input.images.map((fileID) => ({ fileID, state: 'pending', part: 'report' }));
  const home = subject.binding.address;
  const submitted: TimelineDoc = {
    id: entryId(now),
    kind: 'submitted',
    at: now,
    by: 'owner',
    actorId: actor._id,
    actorName: proxy ? `${actor.name}（代报）` : actor.name,
    ...(proxy ? { text: `${actor.name}代${subject.name}报事` } : {}),
    internal: false,
  };
  const doc = await insertReport(
    {
      authorId: subject._id,
      reporterId: subject._id,
      ownerIds: [...new Set([subject._id, actor._id])],
      reporter: {
        name: subject.name,
        ...(subject.phone ? { phone: subject.phone } : {}),
        ...(home && subject.binding.status === 'verified' ? { address: home } : {}),
      },
      ...(proxy ? { proxy } : {}),
      categoryId: category.id,
      categoryLabel: category.label,
      body: input.description,
      images,
      place: placeInputValue!,
      placeLabel: place.label,
      ...(place.buildingNo !== undefined ? { buildingNo: place.buildingNo } : {}),
      ...(place.unitNo ? { unitNo: place.unitNo } : {}),
      ...(place.floor ? { floor: place.floor } : {}),
      ...(place.spotId ? { spotId: place.spotId } : {}),
      scope: place.scope,
      areaKey: place.areaKey,
      urgent: input.urgent,
      household: input.household,
      status: 'submitted',
      assignment,
      assignmentLabel: label,
      handlerKeys: handlerKeys(assignment, place),
      timeline: [submitted],
      moderation: { state: verdict.state, flags: 0, ...(verdict.label ? { label: verdict.label } : {}) },
      metoo: 0,
      reopenCount: 0,
      requestKey: key,
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
    key,
    now,
  );
  // From here on, every step is safe to repeat: a retry of this submission runs them again.
  const { _id: id } = doc;
  await submitImages(openid, { kind: 'report', id }, input.images, now);
  const held = doc.moderation.state === 'review';
  if (held) {
    await holdForReview(
      { kind: 'report', id },
      {
        authorId: doc.authorId,
        excerpt: doc.body,
        reason: 'review',
        ...(doc.moderation.label ? { label: doc.moderation.label } : {}),
      },
      now,
    );
  }
  const title = `${doc.urgent ? '紧急' : '新'}报事：${doc.categoryLabel}`;
  const [summary] = await Promise.all([
    tellHandlers(doc, title, now, `report:${id}:submitted`),
    alsoAlertStaff(category, doc.urgent, doc.assignment) ? alertStaff(doc, now, `report:${id}:alert`) : null,
  ]);
  return { id, no: id, assignmentLabel: doc.assignmentLabel, held, push: summary };
}
