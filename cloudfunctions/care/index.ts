/**
 * The `care` function (关爱): the Party network's care for seniors and families in need.
 * Households see their paired contacts; branch secretaries pair households and keep the
 * care list with consent and a plan; carers see their day and record visits in a minute;
 * signals the community already has (a meal nobody took, a gas alarm, no meal ordered for
 * days, nobody home twice, a visit overdue) become alerts to the carers and relatives; the
 * resident archive is read only by the person, their bound relatives and assigned carers,
 * every read logged; staff see each building's figures and export the month.
 */
import { z } from 'zod';
import { createFunction, defineAction } from '../shared/runtime';
import { answerAlert, closeAlert, listAlerts } from './alerts';
import { eraseArchive, exportArchive, readArchive, saveArchive } from './archive';
import { runDaily } from './daily';
import { buildHome } from './home';
import {
  answerInput,
  archiveFieldsInput,
  buildingNoInput,
  entryInput,
  householdIdInput,
  idInput,
  monthInput,
  noteInput,
  pageInput,
  reasonInput,
  rulesInput,
  unitNoInput,
  versionInput,
  visitInput,
} from './inputs';
import { careList, endEntry, entryEditor, findPeople, saveEntry } from './list';
import { completeTask, exportMonth, listTasks, overview, rules, saveRules } from './overview';
import { autoPair, myHouseholds, pairingView, savePair } from './pairing';
import { runSignals } from './signals';
import { followUpTask, linkReport, recordVisit, today, visitForm } from './visits';

/** Who manages pairing, the care list and the overview (scoped to their building in the handlers). */
const OFFICERS = { roles: ['staff', 'branch_secretary'] } as const;
const STAFF = { roles: ['staff'] } as const;

export const main = createFunction(
  'care',
  {
    // --- everyone ------------------------------------------------------------------------
    home: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller, now }) => buildHome(caller.resident!, now),
    }),
    myHouseholds: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: async (_input, { caller }) => ({ items: await myHouseholds(caller.resident!) }),
    }),
    archive: defineAction({
      input: z.strictObject({ residentId: idInput.optional() }),
      access: 'registered',
      run: ({ residentId }, { caller, now }) => readArchive(caller.resident!, residentId ?? caller.resident!._id, now),
    }),
    saveArchive: defineAction({
      input: z.strictObject({ residentId: idInput.optional(), fields: archiveFieldsInput, version: versionInput }),
      access: 'registered',
      run: ({ residentId, fields, version }, { caller, now }) =>
        saveArchive(caller.resident!, residentId ?? caller.resident!._id, fields, version, now),
    }),
    exportArchive: defineAction({
      input: z.strictObject({ residentId: idInput.optional() }),
      access: 'registered',
      run: ({ residentId }, { caller, now }) =>
        exportArchive(caller.resident!, caller.openid!, residentId ?? caller.resident!._id, now),
    }),
    eraseArchive: defineAction({
      input: z.strictObject({ residentId: idInput.optional(), reason: reasonInput.optional() }),
      access: 'registered',
      run: ({ residentId, reason }, { caller, now }) =>
        eraseArchive(caller.resident!, residentId ?? caller.resident!._id, reason, now),
    }),
    alerts: defineAction({
      input: z.strictObject({
        status: z.enum(['open', 'closed']),
        id: z.string().min(1).max(160).optional(),
        page: pageInput.optional(),
      }),
      access: 'registered',
      run: (input, { caller, now }) => listAlerts(caller.resident!, input, now),
    }),
    answerAlert: defineAction({
      input: z.strictObject({ id: z.string().min(1).max(160), kind: answerInput, note: noteInput.optional() }),
      access: 'registered',
      run: ({ id, kind, note }, { caller, now }) => answerAlert(caller.resident!, id, kind, note, now),
    }),
    closeAlert: defineAction({
      input: z.strictObject({ id: z.string().min(1).max(160), note: noteInput }),
      access: OFFICERS,
      run: ({ id, note }, { caller, now }) => closeAlert(caller.resident!, id, note, now),
    }),

    // --- carers ----------------------------------------------------------------------------
    today: defineAction({
      input: z.strictObject({}),
      access: 'registered',
      run: (_input, { caller, now }) => today(caller.resident!, now),
    }),
    visitForm: defineAction({
      input: z.strictObject({ subjectId: idInput }),
      access: 'registered',
      run: ({ subjectId }, { caller, now }) => visitForm(caller.resident!, subjectId, now),
    }),
    recordVisit: defineAction({
      input: visitInput,
      access: 'registered',
      run: (draft, { caller, now }) => recordVisit(caller.resident!, caller.openid!, draft, now),
    }),
    followUpTask: defineAction({
      input: z.strictObject({ visitId: idInput, text: z.string().trim().min(2).max(200) }),
      access: 'registered',
      run: ({ visitId, text }, { caller, now }) => followUpTask(caller.resident!, caller.openid!, visitId, text, now),
    }),
    linkReport: defineAction({
      input: z.strictObject({ visitId: idInput, reportId: z.string().regex(/^RP\d{6}-[2-9A-HJ-NP-Z]{4}$/) }),
      access: 'registered',
      run: ({ visitId, reportId }, { caller, now }) => linkReport(caller.resident!, visitId, reportId, now),
    }),

    // --- branch secretaries and staff --------------------------------------------------------
    pairing: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput.optional() }),
      access: OFFICERS,
      run: ({ buildingNo }, { caller }) => pairingView(caller.resident!, buildingNo),
    }),
    savePair: defineAction({
      input: z.strictObject({
        householdId: householdIdInput,
        contactIds: z.array(idInput).max(3),
        version: versionInput,
      }),
      access: OFFICERS,
      run: ({ householdId, contactIds, version }, { caller, now }) =>
        savePair(caller.resident!, householdId, contactIds, version, now),
    }),
    autoPair: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput, unitNo: unitNoInput }),
      access: OFFICERS,
      async run({ buildingNo, unitNo }, { caller, now }) {
        const paired = await autoPair(caller.resident!, buildingNo, unitNo, now);
        return { paired, view: await pairingView(caller.resident!, buildingNo) };
      },
    }),
    careList: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput.optional(), status: z.enum(['active', 'ended']).optional() }),
      access: OFFICERS,
      run: (input, { caller, now }) => careList(caller.resident!, input, now),
    }),
    findPeople: defineAction({
      input: z.strictObject({ query: z.string().trim().min(1).max(20), buildingNo: buildingNoInput.optional() }),
      access: OFFICERS,
      run: async ({ query, buildingNo }, { caller }) => ({
        items: await findPeople(caller.resident!, query, buildingNo),
      }),
    }),
    entry: defineAction({
      input: z.strictObject({ subjectId: idInput }),
      access: OFFICERS,
      run: ({ subjectId }, { caller }) => entryEditor(caller.resident!, subjectId),
    }),
    saveEntry: defineAction({
      input: entryInput,
      access: OFFICERS,
      run: (draft, { caller, now }) => saveEntry(caller.resident!, draft, now),
    }),
    endEntry: defineAction({
      input: z.strictObject({ subjectId: idInput, reason: reasonInput, version: versionInput }),
      access: OFFICERS,
      run: ({ subjectId, reason, version }, { caller, now }) =>
        endEntry(caller.resident!, subjectId, reason, version, now),
    }),
    overview: defineAction({
      input: z.strictObject({ buildingNo: buildingNoInput.optional(), month: monthInput.optional() }),
      access: OFFICERS,
      run: (input, { caller, now }) => overview(caller.resident!, input, now),
    }),
    exportMonth: defineAction({
      input: z.strictObject({ month: monthInput }),
      access: OFFICERS,
      run: ({ month }, { caller, now }) => exportMonth(caller.resident!, caller.openid!, month, now),
    }),
    tasks: defineAction({
      input: z.strictObject({ status: z.enum(['open', 'done']) }),
      access: OFFICERS,
      run: async ({ status }, { caller, now }) => ({ items: await listTasks(caller.resident!, status, now) }),
    }),
    completeTask: defineAction({
      input: z.strictObject({ id: idInput, note: noteInput.optional() }),
      access: OFFICERS,
      run: ({ id, note }, { caller, now }) => completeTask(caller.resident!, id, note, now),
    }),
    rules: defineAction({
      input: z.strictObject({}),
      access: OFFICERS,
      run: () => rules(),
    }),
    saveRules: defineAction({
      input: rulesInput,
      access: STAFF,
      run: (input, { caller, now }) => saveRules(caller.resident!, input, now),
    }),
  },
  {
    timers: {
      /** Every minute: new signals since the cursors become alerts; waiting alert messages go out. */
      signals: ({ now }) => runSignals(now),
      /** Daily 10:30: overdue visits (and their escalation), no meal ordered for days, list snapshots. */
      daily: ({ now }) => runDaily(now),
    },
  },
);
