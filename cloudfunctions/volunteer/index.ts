/**
 * The `volunteer` function (志愿): the 14 teams and joining them (teams.ts), call-outs 召集
 * with a race-free answer ledger (callouts.ts), weekly duty rosters with swaps and a shift
 * log (rosters.ts), and hours on record with verifiable certificates (records.ts); hours go
 * to the one ledger shared with activities (shared/hours.ts). The timer pushes planned
 * call-outs, reminds shifts, settles ended call-outs and reconciles team totals (timer.ts).
 */
import { z } from 'zod';
import type { CallOutDraft, DutyDraft, StudentDetails, VolunteerProfileInput } from '../../typings/domain/volunteer';
import { buildingNoInput, idInput, reasonInput, teamIdInput } from '../shared/inputs';
import { isStaff, MAX_NEEDED } from '../shared/domain/volunteer';
import { createFunction, defineAction } from '../shared/runtime';
import {
  answer,
  callOutDetail,
  callOutOptions,
  cancelCallOut,
  checkIn,
  createCallOut,
  itemView,
  markAttended,
  openCallOutsFor,
} from './callouts';
import { allTeams } from './people';
import { board, certificate, issueCertificate, myRecord, verify } from './records';
import {
  addLog,
  assignShift,
  checkInShift,
  createDuty,
  decideSwap,
  dropShift,
  endDuty,
  linkReport,
  myShifts,
  requestSwap,
  roster,
  shiftDetail,
  takeShift,
} from './rosters';
import { applications, apply, decide, leave, setProfile, teamCard, teamDetail, withdraw } from './teams';
import { tick } from './timer';
import { requestIdInput } from '../shared/inputs';

const LEADER_ROLES = ['team_leader', 'staff'] as const;

const shortText = (max: number) => z.string().trim().min(1).max(max);
const wallClockInput = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
const dateInput = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const hoursInput = z.number().min(0).max(24).multipleOf(0.5);
const shiftIdInput = z.string().regex(/^duty_[a-z0-9]{1,40}_\d{8}$/);
const residentIdInput = idInput;

const studentInput: z.ZodType<StudentDetails> = z.strictObject({
  school: shortText(40),
  major: shortText(30).optional(),
  studentNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/)
    .optional(),
  grade: shortText(10).optional(),
});
const profileFields = {
  skills: z.array(shortText(12)).max(10),
  availability: z.array(shortText(12)).max(10),
  student: studentInput.optional(),
};
const applyInput: z.ZodType<VolunteerProfileInput & { teamId: string; note?: string }> = z.strictObject({
  ...profileFields,
  teamId: teamIdInput,
  note: shortText(200).optional(),
});

const callOutInput: z.ZodType<CallOutDraft> = z.strictObject({
  requestId: requestIdInput,
  title: shortText(30),
  description: shortText(500),
  place: shortText(60),
  startAt: wallClockInput,
  endAt: wallClockInput,
  needed: z.number().int().min(1).max(MAX_NEEDED),
  teamIds: z.array(teamIdInput).max(14),
  buildingNos: z.array(buildingNoInput).max(50),
  equipment: z.array(shortText(12)).max(10),
  hours: hoursInput,
  urgent: z.boolean(),
  notifyAt: wallClockInput.optional(),
});

const dutyInput: z.ZodType<DutyDraft & { requestId: string }> = z.strictObject({
  requestId: requestIdInput,
  teamId: teamIdInput,
  kind: z.enum(['patrol', 'cleaning', 'meals']),
  weekday: z.number().int().min(1).max(7),
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  place: shortText(60),
  slots: z.number().int().min(1).max(50),
  hours: hoursInput,
});

const logPlaceInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('building'),
    buildingNo: buildingNoInput,
    unitNo: z.number().int().min(1).max(99).optional(),
  }),
  z.strictObject({ kind: z.literal('spot'), spotId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
]);

export const main = createFunction(
  'volunteer',
  {
    home: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      async run(_input, { caller, now }) {
        const me = caller.resident!;
        const [teams, callOuts] = await Promise.all([allTeams(), openCallOutsFor(me, now)]);
        return {
          teams: teams.map((team) => teamCard(team, undefined, me.roles)),
          callOuts: callOuts.map((doc) => itemView(doc, me, now)),
          leads: me.roles.flatMap((role) => (role.kind === 'team_leader' ? [role.teamId] : [])),
          staff: isStaff(me.roles),
        };
      },
    }),
    team: defineAction({
      input: z.strictObject({ teamId: teamIdInput }),
      access: 'registered',
      run: ({ teamId }, { caller, now }) => teamDetail(caller.resident!, teamId, now),
    }),
    apply: defineAction({
      input: applyInput,
      access: 'verified',
      run: (input, { caller, now }) => apply(caller.resident!, input, now),
    }),
    withdraw: defineAction({
      input: z.strictObject({ teamId: teamIdInput }),
      access: 'registered',
      run: ({ teamId }, { caller, now }) => withdraw(caller.resident!, teamId, now),
    }),
    applications: defineAction({
      input: z.strictObject({ teamId: teamIdInput }),
      access: { roles: LEADER_ROLES },
      run: ({ teamId }, { caller }) => applications(caller.resident!, teamId),
    }),
    decide: defineAction({
      input: z.strictObject({
        applicationId: z.string().min(1).max(100),
        accept: z.boolean(),
        reason: reasonInput.optional(),
      }),
      access: { roles: LEADER_ROLES },
      run: (input, { caller, now }) => decide(caller.resident!, input, now),
    }),
    leave: defineAction({
      input: z.strictObject({ teamId: teamIdInput }),
      access: 'registered',
      run: ({ teamId }, { caller, now }) => leave(caller.resident!, teamId, now),
    }),
    setProfile: defineAction({
      input: z.strictObject({
        partyBadge: z.boolean().optional(),
        honour: z.boolean().optional(),
        skills: profileFields.skills.optional(),
        availability: profileFields.availability.optional(),
        student: studentInput.nullable().optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => setProfile(caller.resident!, input, now),
    }),

    callOutOptions: defineAction({
      input: z.strictObject({}),
      access: { roles: LEADER_ROLES },
      run: (_input, { caller }) => callOutOptions(caller.resident!),
    }),
    createCallOut: defineAction({
      input: callOutInput,
      access: { roles: LEADER_ROLES },
      run: (draft, { caller, now }) => createCallOut(caller.resident!, draft, now),
    }),
    callOut: defineAction({
      input: z.strictObject({ id: idInput }),
      access: 'registered',
      run: ({ id }, { caller, now }) => callOutDetail(caller.resident!, id, now),
    }),
    answer: defineAction({
      input: z.strictObject({ id: idInput, answer: z.enum(['yes', 'no']) }),
      access: 'registered',
      run: (input, { caller, now }) => answer(caller.resident!, input.id, input.answer === 'yes', now),
    }),
    checkIn: defineAction({
      input: z.strictObject({ id: idInput, code: z.string().regex(/^\d{6}$/) }),
      access: 'registered',
      run: (input, { caller, now }) => checkIn(caller.resident!, input, now),
    }),
    markAttended: defineAction({
      input: z.strictObject({ id: idInput, residentIds: z.array(residentIdInput).min(1).max(MAX_NEEDED) }),
      access: { roles: LEADER_ROLES },
      run: (input, { caller, now }) => markAttended(caller.resident!, input, now),
    }),
    cancelCallOut: defineAction({
      input: z.strictObject({ id: idInput, reason: reasonInput }),
      access: { roles: LEADER_ROLES },
      run: (input, { caller, now }) => cancelCallOut(caller.resident!, input, now),
    }),

    roster: defineAction({
      input: z.strictObject({ teamId: teamIdInput, week: dateInput.optional() }),
      access: 'registered',
      run: (input, { caller, now }) => roster(caller.resident!, input, now),
    }),
    myShifts: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller, now }) => myShifts(caller.resident!, now),
    }),
    createDuty: defineAction({
      input: dutyInput,
      access: { roles: LEADER_ROLES },
      run: (draft, { caller, now }) => createDuty(caller.resident!, draft, now),
    }),
    endDuty: defineAction({
      input: z.strictObject({ dutyId: idInput }),
      access: { roles: LEADER_ROLES },
      run: ({ dutyId }, { caller, now }) => endDuty(caller.resident!, dutyId, now),
    }),
    takeShift: defineAction({
      input: z.strictObject({ dutyId: idInput, date: dateInput }),
      access: 'registered',
      run: (input, { caller, now }) => takeShift(caller.resident!, input, now),
    }),
    assignShift: defineAction({
      input: z.strictObject({ dutyId: idInput, date: dateInput, residentId: residentIdInput }),
      access: { roles: LEADER_ROLES },
      run: (input, { caller, now }) => assignShift(caller.resident!, input, now),
    }),
    dropShift: defineAction({
      input: z.strictObject({ shiftId: shiftIdInput, residentId: residentIdInput.optional() }),
      access: 'registered',
      run: (input, { caller, now }) => dropShift(caller.resident!, input, now),
    }),
    requestSwap: defineAction({
      input: z.strictObject({
        shiftId: shiftIdInput,
        toResidentId: residentIdInput,
        toShiftId: shiftIdInput.optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => requestSwap(caller.resident!, input, now),
    }),
    decideSwap: defineAction({
      input: z.strictObject({ swapId: idInput, approve: z.boolean() }),
      access: { roles: LEADER_ROLES },
      run: (input, { caller, now }) => decideSwap(caller.resident!, input, now),
    }),
    shift: defineAction({
      input: z.strictObject({ shiftId: shiftIdInput }),
      access: 'registered',
      run: ({ shiftId }, { caller, now }) => shiftDetail(caller.resident!, shiftId, now),
    }),
    checkInShift: defineAction({
      input: z.strictObject({ shiftId: shiftIdInput }),
      access: 'registered',
      run: ({ shiftId }, { caller, now }) => checkInShift(caller.resident!, shiftId, now),
    }),
    addLog: defineAction({
      input: z.strictObject({
        shiftId: shiftIdInput,
        requestId: requestIdInput,
        text: shortText(300),
        categoryId: z
          .string()
          .regex(/^[a-z0-9_-]{1,32}$/)
          .optional(),
        place: logPlaceInput.optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => addLog(caller.resident!, input, now),
    }),
    linkReport: defineAction({
      input: z.strictObject({ shiftId: shiftIdInput, entryId: idInput, reportId: idInput }),
      access: 'registered',
      run: (input, { caller, now }) => linkReport(caller.resident!, input, now),
    }),

    myRecord: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller }) => myRecord(caller.resident!),
    }),
    issueCertificate: defineAction({
      input: z.strictObject({
        requestId: requestIdInput,
        from: monthInput,
        to: monthInput,
        kind: z.enum(['general', 'student']),
      }),
      access: 'registered',
      run: (input, { caller, now }) => issueCertificate(caller.resident!, input, now),
    }),
    certificate: defineAction({
      input: z.strictObject({ code: z.string().trim().min(1).max(30) }),
      access: 'registered',
      run: ({ code }, { caller }) => certificate(caller.resident!, code),
    }),
    verify: defineAction({
      input: z.strictObject({ code: z.string().trim().min(1).max(40) }),
      access: 'signedIn',
      run: ({ code }) => verify(code),
    }),
    board: defineAction({
      input: z.strictObject({ month: monthInput.optional() }),
      access: 'registered',
      run: (input, { caller, now }) => board(caller.resident!, input, now),
    }),
  },
  { timers: { tick } },
);
