/**
 * The `activity` function: activities published by staff, branch secretaries and team
 * leaders; sign-ups with capacity, a waiting list and automatic promotion (never
 * oversold: see ledger.ts); reminders and no-shows by timer; check-in by code or QR with
 * volunteer hours credited; volunteer records per team and a monthly spreadsheet.
 */
import { z } from 'zod';
import type { ActivityItem, ParticipantOption, SignupView } from '../../typings/domain/activity';
import { collection, command } from '../shared/cloud';
import { visibleImages } from '../shared/content';
import type { ResidentDoc } from '../shared/docs';
import { publicName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';
import { buildingNoInput, idInput, pageInput, reasonInput } from '../shared/inputs';
import { actFor } from '../shared/proxy';
import { createFunction, defineAction } from '../shared/runtime';
import { temporaryUrls } from '../shared/storage';
import type { ActivityDoc, SignupDoc } from './docs';
import { exportHours, myHours, teamHours } from './hours';
import { WITHOUT_LEDGER, getActivity } from './ledger';
import { cancelActivity, checkIn, createActivity, organiserOptions, roster, teamNames, updateActivity } from './manage';
import { loadViewer } from './people';
import { residentsByIds } from '../shared/people';
import { ticketQr } from './qr';
import {
  dayTimeLabel,
  effectiveState,
  ineligibleReason,
  isStaffRole,
  mayManage,
  mayPublish,
  qrText,
  stateLabel,
  timeLabel,
  viewerKeys,
} from './rules';
import { cancelJoin, cancelKnown, cancelSignup, signUp } from './signup';
import { tick } from './timer';
import { draftOf, itemView, organisedView, personOf, signupView, type Viewer } from './views';
import { requestIdInput } from '../shared/inputs';

const PAGE_SIZE = 20;
const ORGANISER_ROLES = ['staff', 'branch_secretary', 'team_leader'] as const;

const wallClockInput = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
const organiserInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('committee') }),
  z.strictObject({ kind: z.literal('branch'), buildingNo: buildingNoInput }),
  z.strictObject({ kind: z.literal('team'), teamId: idInput }),
]);
const ageInput = z.number().int().min(0).max(120);
const draftFields = {
  title: z.string().trim().min(2).max(40),
  description: z.string().trim().min(1).max(2000),
  images: z.array(z.string().min(1).max(400)).max(6),
  organiser: organiserInput,
  place: z.string().trim().min(1).max(60),
  startAt: wallClockInput,
  endAt: wallClockInput,
  signupOpensAt: wallClockInput,
  signupDeadline: wallClockInput,
  capacity: z.number().int().min(1).max(2000).nullable(),
  eligibility: z.strictObject({
    buildingNos: z.array(buildingNoInput).max(50),
    minAge: ageInput.optional(),
    maxAge: ageInput.optional(),
    partyMembersOnly: z.boolean(),
    volunteersOnly: z.boolean(),
  }),
  maxCompanions: z.number().int().min(0).max(5),
  volunteerHours: z.number().min(0).max(24).multipleOf(0.5),
};
const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

async function signupsOf(activityIds: readonly string[], viewer: Viewer): Promise<SignupDoc[]> {
  if (!activityIds.length) return [];
  const _ = command();
  const { data } = await collection('activity_signups')
    .where({
      activityId: _.in([...activityIds]),
      participantId: _.in([viewer.self._id, ...viewer.seniors.map((senior) => senior._id)]),
    })
    .limit(1000)
    .get();
  return data as SignupDoc[];
}

function participantOptions(activity: ActivityDoc, viewer: Viewer, signups: SignupView[]): ParticipantOption[] {
  const people: Array<{ resident: ResidentDoc; self: boolean }> = [
    { resident: viewer.self, self: true },
    ...viewer.seniors.map((resident) => ({ resident, self: false })),
  ];
  return people
    .filter(({ resident, self }) => !self || resident.binding.status === 'verified' || !viewer.seniors.length)
    .map(({ resident, self }) => {
      const reason = ineligibleReason(activity.eligibility, personOf(resident), activity.startAt);
      const signup = signups.find((view) => view.participantId === resident._id);
      return {
        residentId: resident._id,
        name: self ? resident.name : publicName(resident),
        self,
        eligible: reason === null,
        ...(reason ? { reason } : {}),
        ...(signup ? { signup } : {}),
      };
    });
}

export const main = createFunction(
  'activity',
  {
    list: defineAction({
      input: z.strictObject({ filter: z.enum(['forMe', 'all']).optional(), page: pageInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      async run({ filter = 'forMe', page = 1 }, { caller, now }) {
        const viewer = await loadViewer(caller.resident!, caller.seniors);
        const _ = command();
        const buildings = [viewer.self, ...viewer.seniors].map((person) => personOf(person).buildingNo);
        const { data } = await collection('activities')
          .where({
            state: 'published',
            'moderation.state': 'pass',
            endAt: _.gt(now),
            ...(filter === 'forMe' ? { buildingKeys: _.in(viewerKeys(buildings)) } : {}),
          })
          .orderBy('startAt', 'asc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .field(WITHOUT_LEDGER)
          .get();
        const docs = (data as ActivityDoc[]).slice(0, PAGE_SIZE);
        const signups = await signupsOf(
          docs.map((doc) => doc._id),
          viewer,
        );
        return {
          items: docs.map((doc) => itemView(doc, now, viewer, signups)),
          hasMore: data.length > PAGE_SIZE,
          canOrganise: mayPublish(caller.resident!.roles),
        };
      },
    }),
    detail: defineAction({
      input: z.strictObject({ id: idInput }),
      access: 'registered',
      caller: { seniors: true },
      async run({ id }, { caller, now }) {
        const me = caller.resident!;
        const activity = await getActivity(id);
        const canManage = Boolean(activity && mayManage(me.roles, me._id, activity));
        if (!activity || (activity.moderation.state !== 'pass' && !canManage))
          throw new AppError('NOT_FOUND', '活动不存在或已删除');
        const viewer = await loadViewer(me, caller.seniors);
        const [signups, urls] = await Promise.all([
          signupsOf([id], viewer),
          temporaryUrls(visibleImages(activity.images, canManage).map((image) => image.fileID)),
        ]);
        const item = itemView(activity, now, viewer, signups);
        return {
          ...item,
          description: activity.description,
          images: visibleImages(activity.images, canManage).map((image) => ({
            fileID: image.fileID,
            state: image.state,
            ...(urls.get(image.fileID) ? { url: urls.get(image.fileID)! } : {}),
          })),
          opensLabel: `${dayTimeLabel(activity.signupOpensAt)} 开始报名`,
          maxCompanions: activity.maxCompanions,
          state: activity.state,
          ...(activity.cancelReason ? { cancelReason: activity.cancelReason } : {}),
          moderation: activity.moderation.state,
          participants: participantOptions(activity, viewer, item.signups),
          canManage,
          ...(canManage ? { draft: draftOf(activity) } : {}),
          version: activity.version,
        };
      },
    }),
    signUp: defineAction({
      input: z.strictObject({
        id: idInput,
        requestId: requestIdInput,
        participantId: idInput.optional(),
        companions: z.number().int().min(0).max(5).optional(),
        reason: reasonInput.optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => signUp(caller.resident!, input, now),
    }),
    cancelSignup: defineAction({
      input: z.strictObject({ signupId: z.string().min(1).max(140) }),
      access: 'registered',
      callerFor: ({ signupId }) => cancelJoin(signupId),
      run: ({ signupId }, { caller, now }) =>
        cancelSignup(caller.resident!, signupId, now, cancelKnown(caller.joined.signup)),
    }),
    mine: defineAction({
      input: z.strictObject({ past: z.boolean().optional(), page: pageInput.optional() }),
      access: 'registered',
      caller: { seniors: true },
      async run({ past = false, page = 1 }, { caller, now }) {
        const me = caller.resident!;
        const _ = command();
        const { data } = await collection('activity_signups')
          .where(
            _.and([
              _.or([{ participantId: me._id }, { bookerId: me._id }]),
              { endAt: past ? _.lte(now) : _.gt(now), state: _.neq('cancelled') },
            ]),
          )
          .orderBy('startAt', past ? 'desc' : 'asc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .get();
        const signups = (data as SignupDoc[]).slice(0, PAGE_SIZE);
        if (!signups.length) return { items: [], hasMore: false };
        const known = new Map([me, ...(caller.seniors ?? [])].map((person) => [person._id, person]));
        const [{ data: activities }, people] = await Promise.all([
          collection('activities')
            .where({ _id: _.in([...new Set(signups.map((s) => s.activityId))]) })
            .limit(PAGE_SIZE)
            .get(),
          // The participants are the caller and the seniors read with the caller, but for a
          // link undone since: only those are read.
          residentsByIds(signups.map((s) => s.participantId).filter((id) => !known.has(id))),
        ]);
        for (const person of known.values()) people.set(person._id, person);
        const byId = new Map((activities as ActivityDoc[]).map((activity) => [activity._id, activity]));
        const names = new Map(
          [...people.values()].map((person): [string, string] => [
            person._id,
            person._id === me._id ? person.name : publicName(person),
          ]),
        );
        const items: Array<ActivityItem & { signup: SignupView }> = [];
        for (const signup of signups) {
          const activity = byId.get(signup.activityId);
          if (!activity) continue;
          const view = signupView(signup, activity, now, names);
          // Left the ledger before its record caught up: it is cancelled.
          if (view.state === 'cancelled') continue;
          items.push({ ...itemView(activity, now, null, []), eligible: true, signups: [view], signup: view });
        }
        return { items, hasMore: data.length > PAGE_SIZE };
      },
    }),
    ticket: defineAction({
      input: z.strictObject({ signupId: z.string().min(1).max(140) }),
      access: 'registered',
      caller: { seniors: true },
      async run({ signupId }, { caller, now }) {
        const me = caller.resident!;
        // The sign-up with its activity and participant: one round trip.
        const { data } = await collection('activity_signups')
          .aggregate()
          .match({ _id: signupId })
          .limit(1)
          .lookup({ from: 'activities', localField: 'activityId', foreignField: '_id', as: 'activity' })
          .lookup({ from: 'residents', localField: 'participantId', foreignField: '_id', as: 'participant' })
          .end();
        const row = (data as Array<SignupDoc & { activity: ActivityDoc[]; participant: ResidentDoc[] }>)[0];
        if (!row) throw new AppError('NOT_FOUND', '没有找到这条报名');
        const {
          activity: [activity],
          participant: [participant],
          ...signup
        } = row;
        // A senior read with the caller is a confirmed link: actFor would read it again.
        const caredFor = caller.seniors?.some((senior) => senior._id === signup.participantId);
        if (signup.participantId !== me._id && signup.bookerId !== me._id && !caredFor)
          await actFor(me, signup.participantId, now, '出示签到码');
        if (!activity) throw new AppError('NOT_FOUND', '活动不存在或已删除');
        const { state, position } = effectiveState(signup, activity);
        if (state !== 'confirmed' && state !== 'attended') {
          throw new AppError('CONFLICT', state === 'waiting' ? '候补中，获得名额后才有签到码' : '这条报名没有签到码');
        }
        const text = qrText(activity._id, signup.code);
        return {
          signupId,
          activityId: activity._id,
          title: activity.title,
          timeLabel: timeLabel(activity.startAt, activity.endAt),
          place: activity.place,
          participantName: participant
            ? participant._id === me._id
              ? participant.name
              : publicName(participant)
            : '居民',
          companions: signup.companions,
          code: signup.code,
          qr: await ticketQr(text),
          qrText: text,
          state,
          stateLabel: stateLabel(state, position),
        };
      },
    }),
    organisers: defineAction({
      input: z.strictObject({}),
      access: { roles: ORGANISER_ROLES },
      async run(_input, { caller }) {
        return { options: organiserOptions(caller.resident!.roles, await teamNames()) };
      },
    }),
    create: defineAction({
      input: z.strictObject({ ...draftFields, requestId: requestIdInput.optional() }),
      access: { roles: ORGANISER_ROLES },
      run: (draft, { caller, now }) => createActivity(caller.resident!, draft, now),
    }),
    update: defineAction({
      input: z.strictObject({ ...draftFields, id: idInput, version: z.number().int().min(1) }),
      access: { roles: ORGANISER_ROLES },
      run: (input, { caller, now }) => updateActivity(caller.resident!, input, now),
    }),
    cancel: defineAction({
      input: z.strictObject({ id: idInput, reason: reasonInput }),
      access: { roles: ORGANISER_ROLES },
      run: ({ id, reason }, { caller, now }) => cancelActivity(caller.resident!, id, reason, now),
    }),
    organised: defineAction({
      input: z.strictObject({ past: z.boolean().optional(), all: z.boolean().optional(), page: pageInput.optional() }),
      access: { roles: ORGANISER_ROLES },
      async run({ past = false, all = false, page = 1 }, { caller, now }) {
        const me = caller.resident!;
        const _ = command();
        const dayAgo = new Date(now.getTime() - 24 * 3600_000);
        const mine: Record<string, unknown>[] = [
          { authorId: me._id },
          ...me.roles.flatMap((role): Record<string, unknown>[] =>
            role.kind === 'team_leader'
              ? [{ 'organiser.kind': 'team', 'organiser.teamId': role.teamId }]
              : role.kind === 'branch_secretary'
                ? [{ 'organiser.kind': 'branch', 'organiser.buildingNo': role.buildingNo }]
                : [],
          ),
        ];
        const when = { endAt: past ? _.lte(dayAgo) : _.gt(dayAgo) };
        const where = all && isStaffRole(me.roles) ? when : _.and([_.or(mine), when]);
        const { data } = await collection('activities')
          .where(where)
          .orderBy('startAt', past ? 'desc' : 'asc')
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE + 1)
          .field(WITHOUT_LEDGER)
          .get();
        const docs = (data as ActivityDoc[]).slice(0, PAGE_SIZE);
        return { items: docs.map((doc) => organisedView(doc, now)), hasMore: data.length > PAGE_SIZE };
      },
    }),
    roster: defineAction({
      input: z.strictObject({ id: idInput }),
      access: { roles: ORGANISER_ROLES },
      run: ({ id }, { caller, now }) => roster(caller.resident!, id, now),
    }),
    checkIn: defineAction({
      input: z.strictObject({
        id: idInput,
        code: z.string().trim().min(1).max(120).optional(),
        signupId: z.string().min(1).max(140).optional(),
      }),
      access: { roles: ORGANISER_ROLES },
      run: (input, { caller, now }) => checkIn(caller.resident!, input, now),
    }),
    myHours: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller }) => myHours(caller.resident!),
    }),
    teamHours: defineAction({
      input: z.strictObject({ teamId: idInput.optional(), month: monthInput.optional() }),
      access: { roles: ['team_leader', 'staff'] },
      run: (input, { caller }) => teamHours(caller.resident!, input),
    }),
    exportHours: defineAction({
      input: z.strictObject({ month: monthInput, teamId: idInput.optional() }),
      access: { roles: ['staff'] },
      run: (input, { caller, now }) => exportHours(caller.resident!, input, now),
    }),
  },
  { timers: { tick } },
);
