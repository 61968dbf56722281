/**
 * The `report` function (报事): residents report what is broken or unsafe with photos and
 * a place; each report is routed down the Party network (the building's branch secretary
 * and unit leader) or to community staff or a volunteer team, handled through the status
 * lifecycle with a timeline that pushes the reporter, confirmed and rated by the reporter
 * (or closed by the timer after 7 days), and measured per building and category.
 */
import { z } from 'zod';
import type { ReassignTarget, ReportAssignment } from '../../typings/domain/report';
import { collection, command, database } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { isStaff } from '../shared/domain/roles';
import {
  assignmentLabel,
  AUTO_CLOSE_DAYS,
  autoCloseAt,
  autoCloseLabel,
  buildingPlaceLabel,
  configProblem,
  floorOfRoom,
  handlerKeys,
  handlerRoleLabel,
  handlesReports,
  isOpen,
  MAX_DESCRIPTION,
  MAX_IMAGES,
  MAX_TIMELINE,
  OPEN_STATUSES,
  resolvePlace,
  similarSince,
  STATUS_LABELS,
  viewerKeys,
} from '../shared/domain/report';
import { AppError } from '../shared/errors';
import { checkImagesAt, screenText } from '../shared/moderation';
import { createFunction, defineAction } from '../shared/runtime';
import { insertOnce } from '../shared/unique';
import { acceptUploads, checkOwnedPaths, temporaryUrls } from '../shared/storage';
import { shanghai } from '../shared/time';
import { exportSpreadsheet } from '../shared/exports';
import type { ReportConfigDoc, ReportDoc, ReportImage, TimelineDoc } from './docs';
import { buildStats, EXPORT_WIDTHS, exportRows } from './figures';
import { METOO_REPAIR_WINDOW_MS, metoo, reconcileMetoos } from './metoo';
import { tellHandlers, tellOwners, tellResident } from './notify';
import { reconcileQuotas } from './quota';
import { submitReport } from './submit';
import {
  assignmentInput,
  categoryInput,
  draftInput,
  fileIdsInput,
  monthInput,
  noteInput,
  pageInput,
  placeInput,
  reasonInput,
  reportIdInput,
  keyInput,
  spotInput,
} from './schemas';
import {
  buildingsFrom,
  changeStatus,
  CONFIG_AND_BUILDINGS,
  configFrom,
  entryId,
  loadBuildings,
  loadConfig,
  loadReport,
  loadTeams,
  type Change,
} from './store';
import { assertCanSee, detailView, isPublicReport, itemView, viewerOf, visibleFileIds, type Viewer } from './views';

const PAGE_SIZE = 20;
const SIMILAR_LIMIT = 5;
const HANDLER_ROLES = ['staff', 'branch_secretary', 'unit_leader', 'team_leader'] as const;

const INBOX_GROUPS = {
  new: ['submitted'],
  active: ['accepted', 'in_progress'],
  resolved: ['resolved'],
  done: ['confirmed', 'closed', 'rejected', 'duplicate', 'withdrawn'],
} as const;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function ownerEntry(kind: TimelineDoc['kind'], actor: ResidentDoc, now: Date, text?: string): TimelineDoc {
  return {
    id: entryId(now),
    kind,
    at: now,
    by: 'owner',
    actorId: actor._id,
    actorName: actor.name,
    ...(text ? { text } : {}),
    internal: false,
  };
}

function handlerEntry(
  kind: TimelineDoc['kind'],
  actor: ResidentDoc,
  doc: ReportDoc,
  now: Date,
  extra: { text?: string; internal?: boolean; imageIdx?: number[] } = {},
): TimelineDoc {
  return {
    id: entryId(now),
    kind,
    at: now,
    by: 'handler',
    actorId: actor._id,
    actorRole: handlerRoleLabel(actor.roles, doc),
    actorName: actor.name,
    ...(extra.text ? { text: extra.text } : {}),
    internal: Boolean(extra.internal),
    ...(extra.imageIdx?.length ? { imageIdx: extra.imageIdx } : {}),
  };
}

/** The report for a handler of at least `need`; FORBIDDEN for a resident who may only look. */
async function forHandler(id: string, resident: ResidentDoc, need: 'work' | 'full') {
  const doc = await loadReport(id);
  const viewer = assertCanSee(resident, doc);
  if (!viewer.power || (need === 'full' && viewer.power !== 'full')) {
    throw new AppError(
      'FORBIDDEN',
      need === 'full' ? '只有党支部书记和社区工作人员可以这样处理' : '您不负责处理这条报事',
    );
  }
  return doc;
}

async function forOwner(id: string, resident: ResidentDoc) {
  const doc = await loadReport(id);
  const viewer = assertCanSee(resident, doc);
  if (!viewer.owner) throw new AppError('FORBIDDEN', '只有报事人可以这样操作');
  return doc;
}

function sameAssignment(a: ReportAssignment, b: ReportAssignment): boolean {
  if (a.kind === 'building' && b.kind === 'building') return a.buildingNo === b.buildingNo && a.unitNo === b.unitNo;
  if (a.kind === 'team' && b.kind === 'team') return a.teamId === b.teamId;
  return a.kind === b.kind;
}

function reassignTargets(doc: ReportDoc, teams: Array<{ id: string; name: string }>): ReassignTarget[] {
  const current = doc.assignment;
  const targets: ReassignTarget[] = [];
  if (current.kind !== 'staff') targets.push({ key: 'staff', label: '社区工作人员', to: { kind: 'staff' } });
  if (doc.buildingNo !== undefined && !(current.kind === 'building' && current.buildingNo === doc.buildingNo)) {
    const to: ReportAssignment = doc.unitNo
      ? { kind: 'building', buildingNo: doc.buildingNo, unitNo: doc.unitNo }
      : { kind: 'building', buildingNo: doc.buildingNo };
    targets.push({ key: `b:${doc.buildingNo}`, label: assignmentLabel(to, new Map()), to });
  }
  for (const team of teams) {
    if (current.kind === 'team' && current.teamId === team.id) continue;
    targets.push({ key: `team:${team.id}`, label: team.name, to: { kind: 'team', teamId: team.id } });
  }
  return targets;
}

/** The report as the caller now sees it (one round trip for the photo URLs). */
async function respond(doc: ReportDoc, resident: ResidentDoc, teams?: Array<{ id: string; name: string }>) {
  const viewer = viewerOf(resident, doc);
  const urls = await temporaryUrls(visibleFileIds(doc, viewer));
  return detailView(doc, viewer, urls, {
    ...(teams && viewer.power === 'full' ? { reassignTargets: reassignTargets(doc, teams) } : {}),
  });
}

async function metooExists(reportId: string, residentId: string): Promise<boolean> {
  const { data } = await collection('report_metoos').doc(`${reportId}|${residentId}`).get();
  return data.length > 0;
}

/** Text a handler writes for the reporter: refused when risky (officers are not held for review). */
async function screenHandlerText(openid: string, text: string | undefined): Promise<void> {
  if (text) await screenText(openid, 3, [text]);
}

// ---------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------

export const main = createFunction(
  'report',
  {
    options: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      // The seniors, the configuration and the buildings come with the caller (one round trip).
      caller: { seniors: true, joins: CONFIG_AND_BUILDINGS },
      async run(_input, { caller }) {
        const me = caller.resident!;
        const _ = command();
        const handler = handlesReports(me.roles);
        // The seniors come with the caller (one round trip); only verified ones can be reported for.
        const forWhom = (caller.seniors ?? [])
          .filter((senior) => senior.binding.status === 'verified')
          .map((senior) => ({
            residentId: senior._id,
            name: senior.name,
            ...(senior.binding.address ? { buildingLabel: `${senior.binding.address.buildingNo}号楼` } : {}),
          }));
        const waiting = async () => {
          const keys = isStaff(me.roles) ? ['staff', `a:${me._id}`] : viewerKeys(me.roles, me._id);
          const { total } = await collection('reports')
            .where({ handlerKeys: _.in(keys), status: 'submitted' })
            .count();
          return total;
        };
        const config = configFrom(caller.joined.config?.[0] as ReportConfigDoc | undefined);
        const buildings = buildingsFrom(caller.joined.buildings ?? []);
        const waitingCount = handler ? await waiting() : 0;
        const address = me.binding.status === 'verified' ? me.binding.address : undefined;
        const floor = address ? floorOfRoom(address.room) : undefined;
        const canReport = Boolean(address) || handler || forWhom.length > 0;
        return {
          categories: config.categories
            .filter((category) => category.enabled)
            .map(({ id, label, hint, safety }) => ({ id, label, hint, safety })),
          spots: config.spots.filter((spot) => spot.enabled).map(({ id, label }) => ({ id, label })),
          buildings,
          ...(address
            ? {
                home: {
                  buildingNo: address.buildingNo,
                  unitNo: address.unitNo,
                  floor: floor ?? 1,
                  label: buildingPlaceLabel(address.buildingNo, address.unitNo, floor),
                },
              }
            : {}),
          forWhom,
          canReport,
          ...(canReport
            ? {}
            : { cannotReportReason: '住户信息审核通过后才能报事，请联系楼栋党支部书记或社区工作人员' }),
          canHandle: handler,
          waiting: waitingCount,
          isStaff: isStaff(me.roles),
          limits: { maxImages: MAX_IMAGES, maxDescription: MAX_DESCRIPTION },
        };
      },
    }),

    similar: defineAction({
      input: z.strictObject({ categoryId: keyInput, place: placeInput }),
      access: 'registered',
      async run({ categoryId, place }, { caller, now }) {
        const me = caller.resident!;
        const _ = command();
        let areaKey: string;
        if (place.kind === 'building') areaKey = `b:${place.buildingNo}`;
        else {
          const outcome = resolvePlace(place, [], (await loadConfig()).spots);
          if ('problem' in outcome) throw new AppError('INVALID_INPUT', outcome.problem);
          areaKey = outcome.place.areaKey;
        }
        const { data } = await collection('reports')
          .where({
            areaKey,
            categoryId,
            household: false,
            status: _.in([...OPEN_STATUSES]),
            'moderation.state': 'pass',
            createdAt: _.gte(similarSince(now)),
          })
          .orderBy('createdAt', 'desc')
          .limit(SIMILAR_LIMIT)
          .get();
        const docs = data as ReportDoc[];
        if (!docs.length) return { items: [] };
        const viewers = new Map(docs.map((doc) => [doc._id, viewerOf(me, doc)]));
        const [metoos, urls] = await Promise.all([
          collection('report_metoos')
            .where({ _id: _.in(docs.map((doc) => `${doc._id}|${me._id}`)) })
            .field({ reportId: true })
            .get(),
          temporaryUrls(docs.flatMap((doc) => visibleFileIds(doc, viewers.get(doc._id)!, true))),
        ]);
        const mine = new Set((metoos.data as { reportId: string }[]).map((m) => m.reportId));
        return {
          items: docs.map((doc) => ({ ...itemView(doc, viewers.get(doc._id)!, urls), metooByMe: mine.has(doc._id) })),
        };
      },
    }),

    submit: defineAction({
      input: draftInput,
      access: 'registered',
      // The configuration and the buildings come with the caller, in its round trip.
      caller: { joins: CONFIG_AND_BUILDINGS },
      run: (input, { caller, now }) =>
        submitReport(caller.resident!, caller.openid!, input, now, {
          config: configFrom(caller.joined.config?.[0] as ReportConfigDoc | undefined),
          buildings: buildingsFrom(caller.joined.buildings ?? []),
        }),
    }),

    metoo: defineAction({
      input: z.strictObject({ id: reportIdInput }),
      access: 'verified',
      run: ({ id }, { caller, now }) => metoo(caller.resident!, id, now),
    }),

    mine: defineAction({
      input: z.strictObject({ open: z.boolean().optional(), page: pageInput.optional() }),
      access: 'registered',
      async run({ open, page = 1 }, { caller }) {
        const me = caller.resident!;
        const _ = command();
        const waiting = [...OPEN_STATUSES, 'resolved'];
        const { data } = await collection('reports')
          .where({
            ownerIds: me._id,
            ...(open === undefined ? {} : { status: open ? _.in(waiting) : _.nin(waiting) }),
          })
          .orderBy('createdAt', 'desc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .get();
        const docs = (data as ReportDoc[]).slice(0, PAGE_SIZE);
        const viewers = docs.map((doc) => viewerOf(me, doc));
        const urls = await temporaryUrls(docs.flatMap((doc, i) => visibleFileIds(doc, viewers[i]!, true)));
        return { items: docs.map((doc, i) => itemView(doc, viewers[i]!, urls)), hasMore: data.length > PAGE_SIZE };
      },
    }),

    publicList: defineAction({
      input: z.strictObject({ scope: z.enum(['building', 'community']), page: pageInput.optional() }),
      access: 'verified',
      async run({ scope, page = 1 }, { caller }) {
        const me = caller.resident!;
        const _ = command();
        const buildingNo = me.binding.address!.buildingNo;
        const { data } = await collection('reports')
          .where({
            scope,
            ...(scope === 'building' ? { buildingNo } : {}),
            household: false,
            'moderation.state': 'pass',
            status: _.neq('withdrawn'),
          })
          .orderBy('createdAt', 'desc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .get();
        const docs = (data as ReportDoc[]).slice(0, PAGE_SIZE);
        const viewers = docs.map((doc) => viewerOf(me, doc));
        const urls = await temporaryUrls(docs.flatMap((doc, i) => visibleFileIds(doc, viewers[i]!, true)));
        return {
          items: docs.map((doc, i) => itemView(doc, viewers[i]!, urls)),
          hasMore: data.length > PAGE_SIZE,
          scopeLabel: scope === 'building' ? `${buildingNo}号楼` : '小区公共区域',
        };
      },
    }),

    detail: defineAction({
      input: z.strictObject({ id: reportIdInput }),
      access: 'registered',
      async run({ id }, { caller }) {
        const me = caller.resident!;
        const doc = await loadReport(id);
        const viewer: Viewer = assertCanSee(me, doc);
        const askMetoo = !viewer.owner && viewer.verified && isPublicReport(doc) && isOpen(doc.status);
        const [urls, metooByMe, teams] = await Promise.all([
          temporaryUrls(visibleFileIds(doc, viewer)),
          askMetoo ? metooExists(id, me._id) : Promise.resolve(false),
          viewer.power === 'full' && isOpen(doc.status) ? loadTeams() : Promise.resolve(undefined),
        ]);
        return detailView(doc, viewer, urls, {
          metooByMe,
          ...(teams ? { reassignTargets: reassignTargets(doc, teams) } : {}),
        });
      },
    }),

    confirm: defineAction({
      input: z.strictObject({
        id: reportIdInput,
        stars: z.number().int().min(1).max(5),
        comment: z.string().trim().max(200).optional(),
      }),
      access: 'registered',
      async run({ id, stars, comment }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forOwner(id, me);
        const verdict = comment ? await screenText(caller.openid!, 2, [comment]) : { state: 'pass' as const };
        const next = await changeStatus(
          doc,
          'confirm',
          ownerEntry('confirmed', me, now, `满意度${stars}星${comment ? `：${comment}` : ''}`),
          {
            set: {
              rating: { stars, ...(comment ? { comment } : {}), commentState: verdict.state, at: now },
              closedAt: now,
            },
            unset: ['autoCloseAt'],
          },
          now,
        );
        if (next.assigneeId) {
          await tellResident(next.assigneeId, next, '报事人已确认解决', `满意度${stars}星`, now);
        }
        return respond(next, me);
      },
    }),

    reopen: defineAction({
      input: z.strictObject({ id: reportIdInput, reason: reasonInput }),
      access: 'registered',
      async run({ id, reason }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forOwner(id, me);
        await screenText(caller.openid!, 2, [reason]);
        const backToBranch = doc.status !== 'resolved';
        const change: Change = { inc: { reopenCount: 1 }, unset: ['autoCloseAt'] };
        if (backToBranch) {
          change.unset!.push('assigneeId', 'assigneeRole', 'assigneeName');
          change.set = { handlerKeys: handlerKeys(doc.assignment, doc) };
        }
        const next = await changeStatus(doc, 'reopen', ownerEntry('reopened', me, now, reason), change, now);
        if (!backToBranch && next.assigneeId) {
          await tellResident(next.assigneeId, next, '报事被重新打开', `报事人：${reason}`, now);
        } else {
          await tellHandlers(next, `报事被重新打开：${next.categoryLabel}`, now);
        }
        return respond(next, me);
      },
    }),

    withdraw: defineAction({
      input: z.strictObject({ id: reportIdInput }),
      access: 'registered',
      async run({ id }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forOwner(id, me);
        const next = await changeStatus(doc, 'withdraw', ownerEntry('withdrawn', me, now), {}, now);
        return respond(next, me);
      },
    }),

    inbox: defineAction({
      input: z.strictObject({
        group: z.enum(['new', 'active', 'resolved', 'done']),
        scope: z.enum(['mine', 'all']).optional(),
        buildingNo: z.number().int().min(1).max(999).optional(),
        page: pageInput.optional(),
      }),
      access: { roles: HANDLER_ROLES },
      async run({ group, scope = 'mine', buildingNo, page = 1 }, { caller }) {
        const me = caller.resident!;
        const _ = command();
        const staff = isStaff(me.roles);
        const base: Record<string, unknown> = {
          ...(staff && scope === 'all'
            ? {}
            : { handlerKeys: _.in(staff ? ['staff', `a:${me._id}`] : viewerKeys(me.roles, me._id)) }),
          ...(buildingNo !== undefined ? { buildingNo } : {}),
        };
        let query = collection('reports').where({ ...base, status: _.in([...INBOX_GROUPS[group]]) });
        if (group === 'new' || group === 'active') query = query.orderBy('urgent', 'desc').orderBy('createdAt', 'asc');
        else if (group === 'resolved') query = query.orderBy('autoCloseAt', 'asc');
        else query = query.orderBy('updatedAt', 'desc');
        const $ = database().command.aggregate;
        const [{ data }, grouped] = await Promise.all([
          query
            .skip((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE + 1)
            .get(),
          collection('reports')
            .aggregate()
            .match(base)
            .group({ _id: '$status', n: $.sum(1) })
            // One row a status; an aggregate without a limit answers only 20.
            .limit(100)
            .end(),
        ]);
        const byStatus = new Map(
          ((grouped as { data?: Array<{ _id: string; n: number }> }).data ?? []).map((g) => [g._id, g.n]),
        );
        const counts = Object.fromEntries(
          (Object.keys(INBOX_GROUPS) as Array<keyof typeof INBOX_GROUPS>).map((key) => [
            key,
            INBOX_GROUPS[key].reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0),
          ]),
        ) as Record<keyof typeof INBOX_GROUPS, number>;
        const docs = (data as ReportDoc[]).slice(0, PAGE_SIZE);
        const viewers = docs.map((doc) => viewerOf(me, doc));
        const urls = await temporaryUrls(docs.flatMap((doc, i) => visibleFileIds(doc, viewers[i]!, true)));
        return {
          items: docs.map((doc, i) => ({
            ...itemView(doc, viewers[i]!, urls),
            assignmentLabel: doc.assignmentLabel,
            ...(doc.assigneeRole ? { assigneeLabel: `${doc.assigneeRole} ${doc.assigneeName ?? ''}`.trim() } : {}),
          })),
          hasMore: data.length > PAGE_SIZE,
          counts,
          canSeeAll: staff,
        };
      },
    }),

    accept: defineAction({
      input: z.strictObject({ id: reportIdInput }),
      access: { roles: HANDLER_ROLES },
      async run({ id }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forHandler(id, me, 'work');
        const role = handlerRoleLabel(me.roles, doc);
        const next = await changeStatus(
          doc,
          'accept',
          handlerEntry('accepted', me, doc, now),
          {
            set: {
              assigneeId: me._id,
              assigneeRole: role,
              assigneeName: me.name,
              handlerKeys: [...new Set([...doc.handlerKeys, `a:${me._id}`])],
              ...(doc.firstAcceptedAt ? {} : { firstAcceptedAt: now }),
            },
          },
          now,
        );
        await tellOwners(next, '报事已受理', `${role}已受理，将尽快处理`, now);
        return respond(next, me);
      },
    }),

    start: defineAction({
      input: z.strictObject({ id: reportIdInput, note: noteInput.optional() }),
      access: { roles: HANDLER_ROLES },
      async run({ id, note }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forHandler(id, me, 'work');
        await screenHandlerText(caller.openid!, note);
        const next = await changeStatus(
          doc,
          'start',
          handlerEntry('started', me, doc, now, note ? { text: note } : {}),
          {},
          now,
        );
        await tellOwners(next, '报事处理中', note ?? '已开始处理', now);
        return respond(next, me);
      },
    }),

    resolve: defineAction({
      input: z.strictObject({ id: reportIdInput, note: noteInput, images: fileIdsInput }),
      access: { roles: HANDLER_ROLES },
      async run({ id, note, images }, { caller, now }) {
        const me = caller.resident!;
        const openid = caller.openid!;
        checkOwnedPaths('report', openid, images);
        const doc = await forHandler(id, me, 'work');
        await acceptUploads('report', openid, images);
        await screenHandlerText(openid, note);
        const firstIndex = doc.images.length;
        const imageIdx = images.map((_fileID, offset) => firstIndex + offset);
        const closesAt = autoCloseAt(now);
        const next = await changeStatus(
          doc,
          'resolve',
          handlerEntry('resolved', me, doc, now, { text: note, imageIdx }),
          {
            set: {
              resolution: { note, at: now, byId: me._id, imageIdx },
              resolvedAt: now,
              autoCloseAt: closesAt,
            },
            push: { images: images.map((fileID): ReportImage => ({ fileID, state: 'pending', part: 'resolution' })) },
          },
          now,
        );
        await checkImagesAt(
          openid,
          { kind: 'report', id },
          images.map((fileID, offset) => ({ fileID, index: firstIndex + offset })),
          now,
        );
        await tellOwners(next, '报事已解决，请确认', `${note}。${autoCloseLabel(closesAt)}`, now);
        return respond(next, me);
      },
    }),

    decline: defineAction({
      input: z.strictObject({
        id: reportIdInput,
        outcome: z.enum(['rejected', 'duplicate']),
        reason: reasonInput,
        duplicateOf: reportIdInput.optional(),
      }),
      access: { roles: ['staff', 'branch_secretary'] },
      async run({ id, outcome, reason, duplicateOf }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forHandler(id, me, 'full');
        if (duplicateOf !== undefined) {
          if (outcome !== 'duplicate' || duplicateOf === id) throw new AppError('INVALID_INPUT', '重复报事的编号不对');
          await loadReport(duplicateOf).catch(() => {
            throw new AppError('INVALID_INPUT', `没有编号为${duplicateOf}的报事`);
          });
        }
        await screenHandlerText(caller.openid!, reason);
        const next = await changeStatus(
          doc,
          outcome === 'rejected' ? 'reject' : 'duplicate',
          handlerEntry(outcome, me, doc, now, {
            text: duplicateOf ? `${reason}（与${duplicateOf}重复）` : reason,
          }),
          { set: { decline: { outcome, reason, ...(duplicateOf ? { duplicateOf } : {}) } } },
          now,
        );
        await tellOwners(next, outcome === 'rejected' ? '报事未受理' : '报事与已有报事重复', reason, now);
        return respond(next, me);
      },
    }),

    reassign: defineAction({
      input: z.strictObject({ id: reportIdInput, to: assignmentInput, note: noteInput.optional() }),
      access: { roles: ['staff', 'branch_secretary'] },
      async run({ id, to, note }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forHandler(id, me, 'full');
        const [teams, buildings] = await Promise.all([loadTeams(), loadBuildings()]);
        if (to.kind === 'team' && !teams.some((team) => team.id === to.teamId)) {
          throw new AppError('INVALID_INPUT', '没有这个志愿服务队');
        }
        if (to.kind === 'building') {
          const building = buildings.find((b) => b.no === to.buildingNo);
          if (!building || (to.unitNo !== undefined && to.unitNo > building.units)) {
            throw new AppError('INVALID_INPUT', '没有这个楼栋或单元');
          }
        }
        if (sameAssignment(to, doc.assignment)) {
          throw new AppError('CONFLICT', `这条报事已经由${doc.assignmentLabel}负责`);
        }
        const label = assignmentLabel(to, new Map(teams.map((team) => [team.id, team.name])));
        const entries = [handlerEntry('reassigned', me, doc, now, { text: `转交给${label}` })];
        if (note) entries.push(handlerEntry('note', me, doc, now, { text: note, internal: true }));
        const next = await changeStatus(
          doc,
          'reassign',
          entries,
          {
            set: { assignment: to, assignmentLabel: label, handlerKeys: handlerKeys(to, doc) },
            unset: ['assigneeId', 'assigneeRole', 'assigneeName'],
          },
          now,
        );
        await Promise.all([
          tellOwners(next, '报事已转交', `已转交给${label}处理`, now),
          tellHandlers(next, `转交给您的报事：${next.categoryLabel}`, now),
        ]);
        return respond(next, me, teams);
      },
    }),

    note: defineAction({
      input: z.strictObject({ id: reportIdInput, text: noteInput }),
      access: { roles: HANDLER_ROLES },
      async run({ id, text }, { caller, now }) {
        const me = caller.resident!;
        const doc = await forHandler(id, me, 'work');
        // The same note by the same person again is the retry of one that was written: once.
        if (doc.timeline.some((e) => e.kind === 'note' && e.actorId === me._id && e.text === text))
          return respond(doc, me);
        const entry = handlerEntry('note', me, doc, now, { text, internal: true });
        // Bounded, race-free: the append applies only while the timeline has room.
        const { updated } = await collection('reports')
          .where({ _id: id, [`timeline.${MAX_TIMELINE - 1}`]: command().exists(false) })
          .update({ timeline: command().push([entry]) });
        if (updated !== 1) throw new AppError('CONFLICT', '这条报事的记录已满，请在现有记录中补充');
        return respond({ ...doc, timeline: [...doc.timeline, entry] }, me);
      },
    }),

    stats: defineAction({
      input: z.strictObject({ month: monthInput, buildingNo: z.number().int().min(1).max(999).optional() }),
      access: { roles: ['staff', 'branch_secretary'] },
      async run({ month, buildingNo }, { caller }) {
        return buildStats(caller.resident!.roles, month, buildingNo);
      },
    }),

    exportStats: defineAction({
      input: z.strictObject({ month: monthInput }),
      access: { roles: ['staff', 'branch_secretary'] },
      async run({ month }, { caller, now }) {
        const openid = caller.openid!;
        const stats = await buildStats(caller.resident!.roles, month);
        const rows = exportRows(stats);
        const { fileID, url } = await exportSpreadsheet(
          openid,
          `report-stats-${month}`,
          [{ name: `报事统计${month}`, rows, widths: EXPORT_WIDTHS }],
          now,
        );
        return { fileID, url, fileName: `报事统计-${stats.scopeLabel}-${month}.xlsx`, rows: rows.length - 1 };
      },
    }),

    config: defineAction({
      input: z.strictObject({}),
      access: { roles: ['staff'] },
      async run() {
        const [config, teams, buildings] = await Promise.all([loadConfig(), loadTeams(), loadBuildings()]);
        return {
          categories: config.categories,
          spots: config.spots,
          version: config.version,
          ...(config.updatedAt ? { updatedLabel: `${shanghai(config.updatedAt).format('YYYY-MM-DD HH:mm')}更新` } : {}),
          teams: teams.map(({ id, name }) => ({ id, name })),
          buildings: buildings.map((b) => b.no),
        };
      },
    }),

    saveConfig: defineAction({
      input: z.strictObject({
        categories: z.array(categoryInput).min(1).max(20),
        spots: z.array(spotInput).max(50),
        version: z.number().int().min(0),
      }),
      access: { roles: ['staff'] },
      async run({ categories, spots, version }, { caller, now }) {
        const [teams, buildings] = await Promise.all([loadTeams(), loadBuildings()]);
        const problem = configProblem(
          categories,
          spots,
          new Set(teams.map((team) => team.id)),
          new Set(buildings.map((b) => b.no)),
        );
        if (problem) throw new AppError('INVALID_INPUT', problem);
        const fields = { categories, spots, version: version + 1, updatedAt: now, updatedBy: caller.resident!._id };
        const stale = () => new AppError('CONFLICT', '设置刚被其他工作人员修改，请刷新后再改');
        if (version === 0) {
          if (!(await insertOnce('report_config', { _id: 'current', ...fields }))) throw stale();
        } else {
          const { updated } = await collection('report_config').where({ _id: 'current', version }).update(fields);
          if (updated !== 1) throw stale();
        }
        return {
          categories,
          spots,
          version: version + 1,
          updatedLabel: `${shanghai(now).format('YYYY-MM-DD HH:mm')}更新`,
        };
      },
    }),
  },
  {
    timers: {
      /**
       * Hourly: resolved reports nobody confirmed or disputed in time close by themselves;
       * quota places and me-too counts a dead invocation left wrong are put right.
       */
      async autoClose({ now }) {
        // First the repairs of what dead invocations left (see quota.ts, metoo.ts).
        const released = await reconcileQuotas(now);
        const recounted = await reconcileMetoos(new Date(now.getTime() - METOO_REPAIR_WINDOW_MS));
        const { data } = await collection('reports')
          .where({ status: 'resolved', autoCloseAt: command().lte(now) })
          .limit(100)
          .get();
        let closed = 0;
        for (const doc of data as ReportDoc[]) {
          const entry: TimelineDoc = {
            id: entryId(now),
            kind: 'closed',
            at: now,
            by: 'system',
            text: `${AUTO_CLOSE_DAYS}天内未确认，系统自动关闭`,
            internal: false,
          };
          try {
            const next = await changeStatus(
              doc,
              'close',
              entry,
              { set: { closedAt: now }, unset: ['autoCloseAt'] },
              now,
            );
            closed++;
            await tellOwners(
              next,
              '报事已自动关闭',
              `${STATUS_LABELS.resolved}后${AUTO_CLOSE_DAYS}天未确认，已自动关闭`,
              now,
            );
          } catch (error) {
            // The reporter answered at the same moment: their answer stands.
            if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
          }
        }
        return { closed, released, recounted };
      },
    },
  },
);
