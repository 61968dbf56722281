/**
 * Demo data of 关爱 on the demo calendar (`demoCalendar(now)`: days from the seed day, Shanghai):
 * building 5's households paired with its Party members (units 1–3; unit 4 left for the
 * secretary to pair), the demo senior 赵桂兰 (5-1-102, lives alone) on the care list with
 * 孙建华 (demo-party-member) as her carer, a weekly plan and meal delivery, her recent
 * visits, her archive (high blood pressure and her medicine shared with family and carer,
 * mobility with family only) and its access log (her carer and her son read it);
 * 钱长海 (5-3-201, no smartphone) whose visit is two days overdue; a few seniors living
 * alone in buildings 5 and 3 with their unit's Party members as carers; last week's meal
 * alert for 钱长海, answered; one follow-up task for staff.
 */
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type {
  AccessLogDoc,
  AlertDoc,
  ArchiveDoc,
  CareEntryDoc,
  PairDoc,
  TaskDoc,
  VisitDoc,
} from '../../cloudfunctions/care/docs';
import { autoPairing, dateKeyOf, monthKeyOf, nextDueAt } from '../../cloudfunctions/care/rules';
import { shanghai } from '../../cloudfunctions/shared/time';
import { demoCalendar } from './calendar';

/** Ids the tests, the bench and the preview use. */
export const DEMO_CARE = {
  senior: 'r-demo-senior',
  seniorNoPhone: 'r-demo-senior-nophone',
  carer: 'r-demo-party-member',
  relative: 'r-demo-relative',
  seniorHousehold: 'h05-1-102',
  /** Building 5's unit left unpaired for the secretary. */
  unpairedUnit: 4,
  seededAlert: 'meal:seed-qian-dinner',
  /** The follow-up of 钱长海's last visit (the fifth seeded visit). */
  seededTask: 'CT-VSseed00000000000005',
} as const;

function entry(
  person: ResidentDoc,
  init: {
    categories: CareEntryDoc['categories'];
    reason: string;
    carerIds: string[];
    frequencyDays: number;
    meal: CareEntryDoc['plan']['meal'];
    recordedBy: { id: string; name: string };
    consent?: Partial<CareEntryDoc['consent']>;
    createdAt: Date;
    lastVisit?: VisitDoc;
  },
): CareEntryDoc {
  const address = person.binding.address!;
  const last = init.lastVisit;
  return {
    _id: person._id,
    status: 'active',
    name: person.name,
    ...(person.phone ? { phone: person.phone } : {}),
    noWechat: !person.openid,
    householdId: person.householdId!,
    buildingNo: address.buildingNo,
    unitNo: address.unitNo,
    room: address.room,
    categories: init.categories,
    reason: init.reason,
    consent: {
      by: 'self',
      name: person.name,
      method: 'paper',
      at: init.createdAt,
      recordedBy: init.recordedBy.id,
      recordedByName: init.recordedBy.name,
      ...init.consent,
    },
    plan: { carerIds: init.carerIds, frequencyDays: init.frequencyDays, meal: init.meal, mealSince: init.createdAt },
    ...(last ? { lastVisit: { id: last._id, at: last.at, kind: last.kind, outcome: last.outcome } } : {}),
    nextDueAt: last
      ? nextDueAt(last.at, last.outcome, init.frequencyDays)
      : nextDueAt(init.createdAt, null, init.frequencyDays),
    version: 1,
    createdAt: init.createdAt,
    createdBy: init.recordedBy.id,
    updatedAt: init.createdAt,
    updatedBy: init.recordedBy.id,
  };
}

export function buildCareDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  care_pairs: PairDoc[];
  care_list: CareEntryDoc[];
  care_visits: VisitDoc[];
  care_archives: ArchiveDoc[];
  care_access_log: AccessLogDoc[];
  care_alerts: AlertDoc[];
  care_tasks: TaskDoc[];
} {
  const cal = demoCalendar(now);
  const byId = new Map(residents.map((person) => [person._id, person]));
  const person = (id: string) => byId.get(id)!;
  const secretary = { id: 'r-demo-secretary', name: person('r-demo-secretary').name };
  const staff = { id: 'r-demo-staff', name: person('r-demo-staff').name };
  const carer = person(DEMO_CARE.carer);
  const verifiedIn = (buildingNo: number) =>
    residents.filter(
      (resident) => resident.binding.status === 'verified' && resident.binding.address?.buildingNo === buildingNo,
    );

  // --- pairing: building 5, units 1–3 by the default rule, the demo senior with her carer ---
  const pairs: PairDoc[] = [];
  for (const unitNo of [1, 2, 3]) {
    const unit = verifiedIn(5).filter((resident) => resident.binding.address!.unitNo === unitNo);
    const members = unit
      .filter((resident) => resident.roles.some((role) => role.kind === 'party_member'))
      .map((resident) => ({ residentId: resident._id, householdId: resident.householdId!, load: 0 }));
    const leader = unit.find((resident) => resident.roles.some((role) => role.kind === 'unit_leader'));
    const households = Array.from({ length: 7 }, (_f, f) =>
      Array.from({ length: 3 }, (_r, r) => ({ householdId: `h05-${unitNo}-${f + 1}0${r + 1}` })),
    ).flat();
    const plan = autoPairing(households, members, leader?._id);
    for (const { householdId } of households) {
      const contactId = plan.get(householdId);
      if (!contactId) continue;
      const room = householdId.split('-')[2]!;
      pairs.push({
        _id: householdId,
        buildingNo: 5,
        unitNo,
        room,
        contactIds: [contactId],
        version: 1,
        updatedAt: cal.at(-30, '10:00'),
        updatedBy: secretary.id,
      });
    }
  }
  for (const householdId of [DEMO_CARE.seniorHousehold, 'h05-3-201']) {
    const pair = pairs.find((candidate) => candidate._id === householdId);
    if (pair) pair.contactIds = [DEMO_CARE.carer];
  }

  // --- visits and the care list ---
  let serial = 0;
  const visit = (
    subject: ResidentDoc,
    by: ResidentDoc,
    at: Date,
    kind: VisitDoc['kind'],
    outcome: VisitDoc['outcome'],
    note?: string,
  ): VisitDoc => ({
    _id: `VSseed${String(++serial).padStart(14, '0')}`,
    subjectId: subject._id,
    carerId: by._id,
    carerName: by.name,
    kind,
    outcome,
    ...(note ? { note } : {}),
    buildingNo: subject.binding.address!.buildingNo,
    at,
    date: dateKeyOf(at),
    month: monthKeyOf(at),
  });
  const senior = person(DEMO_CARE.senior);
  const qian = person(DEMO_CARE.seniorNoPhone);
  const visits: VisitDoc[] = [
    visit(senior, carer, cal.at(-17, '10:00'), 'visit', 'nobody_home'),
    visit(senior, carer, cal.at(-16, '16:00'), 'visit', 'done', '前一天去女儿家了，身体挺好'),
    visit(senior, carer, cal.at(-10, '19:00'), 'call', 'done', '电话问候，说一切都好，周末儿子来看她'),
    visit(senior, carer, cal.at(-3, '09:30'), 'visit', 'done', '精神不错，冰箱里菜够吃，帮忙换了灯泡'),
    visit(qian, carer, cal.at(-5, '15:00'), 'visit', 'done', '午饭按时送到了，聊了聊家常'),
  ];
  const entries: CareEntryDoc[] = [
    entry(senior, {
      categories: ['alone'],
      reason: '独居，子女住在外区',
      carerIds: [DEMO_CARE.carer],
      frequencyDays: 7,
      meal: 'delivery',
      recordedBy: secretary,
      createdAt: cal.at(-60, '10:00'),
      lastVisit: visits[3]!,
    }),
    entry(qian, {
      categories: ['alone', 'disability'],
      reason: '独居，没有智能手机，子女住在外区',
      carerIds: [DEMO_CARE.carer],
      frequencyDays: 3,
      meal: 'delivery',
      recordedBy: staff,
      consent: { method: 'in_person', note: '上门时本人口头同意，社区工作人员在场' },
      createdAt: cal.at(-45, '15:00'),
      lastVisit: visits[4]!,
    }),
  ];

  // A few more seniors living alone: building 5 (units 1–3) and building 3, visited by their
  // unit's Party members (the unit leader in 5-2 is the demo unit leader).
  const carerFor = (resident: ResidentDoc): ResidentDoc | undefined => {
    const { buildingNo, unitNo } = resident.binding.address!;
    const unit = verifiedIn(buildingNo).filter(
      (other) => other.binding.address!.unitNo === unitNo && other._id !== resident._id,
    );
    return (
      unit.find((other) => other.roles.some((role) => role.kind === 'unit_leader')) ??
      unit.find((other) => other.roles.some((role) => role.kind === 'party_member'))
    );
  };
  const alone = [...verifiedIn(5), ...verifiedIn(3)].filter(
    (resident) => resident.care?.livesAlone && !resident._id.startsWith('r-demo'),
  );
  const chosen = [
    ...alone.filter((resident) => resident.binding.address!.buildingNo === 5).slice(0, 5),
    ...alone.filter((resident) => resident.binding.address!.buildingNo === 3).slice(0, 3),
  ];
  chosen.forEach((resident, index) => {
    const by = carerFor(resident);
    if (!by) return;
    const daysAgo = 2 + ((index * 3) % 9);
    const last = visit(
      resident,
      by,
      cal.at(-daysAgo, `${10 + (index % 6)}:00`),
      index % 3 === 2 ? 'call' : 'visit',
      'done',
    );
    visits.push(last);
    entries.push(
      entry(resident, {
        categories: ['alone'],
        reason: '独居老人',
        carerIds: [by._id],
        frequencyDays: index % 2 ? 14 : 7,
        meal: index % 3 === 0 ? 'delivery' : 'none',
        recordedBy: resident.binding.address!.buildingNo === 5 ? secretary : staff,
        createdAt: cal.at(-(40 + index), '10:00'),
        lastVisit: last,
      }),
    );
  });

  // --- the demo senior's archive and who read it ---
  const archives: ArchiveDoc[] = [
    {
      _id: DEMO_CARE.senior,
      fields: {
        conditions: { value: '高血压', share: { relatives: true, carers: true } },
        mobility: { value: '上下楼要扶栏杆', share: { relatives: true, carers: false } },
        medication: { value: '每天早饭后一片降压药', share: { relatives: true, carers: true } },
        bloodType: { value: 'A型', share: { relatives: true, carers: true } },
      },
      version: 2,
      updatedAt: cal.at(-20, '11:00'),
      updatedBy: DEMO_CARE.senior,
    },
  ];
  const log: AccessLogDoc[] = [
    {
      _id: 'ALseed001-r-demo-senior',
      subjectId: DEMO_CARE.senior,
      readerId: DEMO_CARE.carer,
      readerName: carer.name,
      role: 'carer',
      action: 'read',
      at: cal.at(-3, '09:10'),
    },
    {
      _id: 'ALseed002-r-demo-senior',
      subjectId: DEMO_CARE.senior,
      readerId: DEMO_CARE.relative,
      readerName: person(DEMO_CARE.relative).name,
      role: 'relative',
      action: 'read',
      at: cal.at(-1, '20:15'),
    },
  ];

  // --- last week's answered alert for 钱长海, and one follow-up task for staff ---
  const qianEntry = entries[1]!;
  const alertAt = cal.at(-8, '17:40');
  const alerts: AlertDoc[] = [
    {
      _id: DEMO_CARE.seededAlert,
      kind: 'meal',
      subjectId: qian._id,
      subjectName: qian.name,
      buildingNo: 5,
      unitNo: 3,
      room: qianEntry.room,
      title: `关爱提醒：${qian.name}送餐无人应答`,
      detail: `${qian.name}的晚餐送餐上门时没人应答（${shanghai(alertAt).format('M月D日 HH:mm')}）。`,
      source: { kind: 'canteen_order', id: 'seed-qian-dinner' },
      status: 'closed',
      raisedAt: alertAt,
      carerIds: [DEMO_CARE.carer],
      relativeIds: [DEMO_CARE.relative],
      viewerIds: [DEMO_CARE.carer, DEMO_CARE.relative],
      answers: [
        {
          residentId: DEMO_CARE.carer,
          name: carer.name,
          roleLabel: '走访党员',
          kind: 'safe',
          note: '老人在楼下晒太阳，饭已送到家',
          at: cal.at(-8, '17:55'),
        },
      ],
      push: { state: 'sent', stage: 'first', sentAt: alertAt },
      closedAt: cal.at(-8, '18:30'),
      closedBy: secretary.id,
      closeNote: '已确认平安',
    },
  ];
  const taskVisit = visits[4]!;
  const tasks: TaskDoc[] = [
    {
      _id: DEMO_CARE.seededTask,
      visitId: taskVisit._id,
      subjectId: qian._id,
      subjectName: qian.name,
      buildingNo: 5,
      unitNo: 3,
      room: qianEntry.room,
      text: '卫生间需要加装扶手，请社区联系适老化改造',
      createdBy: DEMO_CARE.carer,
      createdByName: carer.name,
      createdAt: taskVisit.at,
      status: 'open',
    },
  ];
  taskVisit.followUp = { kind: 'task', id: DEMO_CARE.seededTask, at: taskVisit.at };

  return {
    care_pairs: pairs,
    care_list: entries,
    care_visits: visits,
    care_archives: archives,
    care_access_log: log,
    care_alerts: alerts,
    care_tasks: tasks,
  };
}
