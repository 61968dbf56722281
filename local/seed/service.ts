/**
 * Demo data of the service window (服务), all dated relative to `now` (Asia/Shanghai days):
 * the handbook (26 items, a few already revised once), bookable slots of both windows for
 * the past two weeks and the coming week (community window 3 places per half hour, the
 * bank's 金融服务站 2), upcoming bookings — 林晓燕 for 生育登记, 赵文杰 for his father 钱长海
 * (高龄津贴) — and neighbours' bookings, five weeks of finished service records with their
 * ratings (one 不满意 that reached the director), one record waiting for materials and one
 * open past its time limit, and one finished service 林晓燕 has not rated yet. Slot places
 * and request keys are computed from the bookings exactly as the function keeps them.
 */
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type {
  BookingDoc,
  HistoryDoc,
  ItemDoc,
  RecordDoc,
  RevisionDoc,
  SlotDoc,
} from '../../cloudfunctions/service/docs';
import { bookingIdOf, requestKey } from '../../cloudfunctions/service/bookings';
import {
  addDays,
  bookingActiveKey,
  dueAt,
  phraseIndex,
  searchKeys,
  slotIdOf,
  todayKey,
  wallInstant,
} from '../../cloudfunctions/shared/domain/service';
import type { Commitment, RatingLevel, WindowKey } from '../../typings/domain/service';
import { pinyin } from 'pinyin-pro';
import { syllabifyWith } from '../../cloudfunctions/shared/pinyin';
import { HANDBOOK } from './service-handbook';

const syllabify = syllabifyWith(pinyin);
import { seededRandom } from './names';

export const SERVICE_DEMO_USERS = {
  staff: 'r-demo-staff',
  bank: 'r-demo-bank',
  director: 'r-demo-director',
} as const;

/** Ids of demo service records, for tests and the preview. */
export const DEMO_SERVICE = {
  /** 林晓燕's residence certificate last week: finished, not rated yet. */
  unratedRecord: 'rec-seed-resident-juzhu',
} as const;

const SLOT_TIMES: Record<WindowKey, string[]> = {
  community: ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00', '15:30', '16:00'],
  bank: ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00', '15:30', '16:00'],
};
const CAPACITY: Record<WindowKey, number> = { community: 3, bank: 2 };
const SLOT_MINUTES = 30;
const PAST_DAYS = 35;
const AHEAD_DAYS = 7;

function isWeekday(date: string): boolean {
  const day = new Date(Date.parse(date)).getUTCDay();
  return day !== 0 && day !== 6;
}

/** Weekdays from `from` days ago to `to` days ahead of today, oldest first. */
function weekdays(today: string, from: number, to: number): string[] {
  const days: string[] = [];
  for (let offset = -from; offset <= to; offset++) {
    const date = addDays(today, offset);
    if (isWeekday(date)) days.push(date);
  }
  return days;
}

/** The weekdays after `today` (YYYY-MM-DD) with bookable slots: the first two hold the demo's bookings. */
export function comingServiceDays(today: string): string[] {
  return weekdays(today, 0, AHEAD_DAYS).filter((date) => date > today);
}

export function buildServiceDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  service_items: ItemDoc[];
  service_revisions: RevisionDoc[];
  service_slots: SlotDoc[];
  service_bookings: BookingDoc[];
  service_records: RecordDoc[];
} {
  const random = seededRandom(20261219);
  const today = todayKey(now);
  // Whatever happened is dated before the seed day began, so the demo is the same whenever
  // on its day it is seeded; what lies ahead (slots, due times) may be later.
  const dayBegan = wallInstant(today, '00:00');
  const byId = new Map(residents.map((resident) => [resident._id, resident]));
  const need = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`service seed: no resident ${id}`);
    return found;
  };
  const staff = need(SERVICE_DEMO_USERS.staff);
  const bankStaff = need(SERVICE_DEMO_USERS.bank);
  const director = need(SERVICE_DEMO_USERS.director);

  // --- the handbook -----------------------------------------------------------------------
  const written = wallInstant(addDays(today, -120), '10:00');
  const revised = new Map<string, { daysAgo: number; note: string; changes: string[] }>([
    ['svc-gaoling', { daysAgo: 40, note: '按新规定，满80周岁当月即可申请', changes: ['办理对象与条件', '简介'] }],
    ['svc-dibao', { daysAgo: 25, note: '家庭经济状况核对授权书改为窗口领取', changes: ['所需材料'] }],
    ['svc-bank-transfer', { daysAgo: 12, note: '增加可疑转账联系家属核实的步骤', changes: ['办理流程'] }],
  ]);
  const items: ItemDoc[] = HANDBOOK.map(({ id, ...content }) => {
    const index = phraseIndex(content, syllabify);
    const first: HistoryDoc = {
      version: 1,
      at: written,
      note: '依据《长山花园社区服务提供标准汇编》录入',
      changes: ['新增事项'],
      revisionId: `rev-seed-${id}-1`,
      authorId: content.window === 'bank' ? bankStaff._id : staff._id,
      reviewerId: director._id,
    };
    const change = revised.get(id);
    const history = change
      ? [
          first,
          {
            version: 2,
            at: wallInstant(addDays(today, -change.daysAgo), '15:30'),
            note: change.note,
            changes: change.changes,
            revisionId: `rev-seed-${id}-2`,
            authorId: content.window === 'bank' ? bankStaff._id : staff._id,
            reviewerId: director._id,
          },
        ]
      : [first];
    return {
      _id: id,
      ...content,
      version: history.length,
      history,
      index,
      searchKeys: searchKeys(index, content.category),
      updatedAt: history[history.length - 1]!.at,
    };
  });
  const itemById = new Map(items.map((item) => [item._id, item]));

  // A proposal waiting for review: 何静怡 adds the 居住证明's photo-free note; the director reviews.
  const residence = itemById.get('svc-juzhu')!;
  const revisions: RevisionDoc[] = [
    {
      _id: 'rev-seed-juzhu-pending',
      itemId: residence._id,
      baseVersion: residence.version,
      content: {
        title: residence.title,
        aliases: residence.aliases,
        category: residence.category,
        summary: residence.summary,
        lifeEvents: residence.lifeEvents,
        window: residence.window,
        clause: residence.clause,
        eligibility: residence.eligibility,
        materials: residence.materials,
        steps: residence.steps,
        timeLimit: { kind: 'minutes', value: 10 },
        fee: residence.fee,
        place: residence.place,
        hours: residence.hours,
        post: residence.post,
        bookable: residence.bookable,
      },
      note: '系统可直接查询住户登记，办结时限缩短为10分钟',
      changes: ['办结时限'],
      authorId: staff._id,
      authorName: staff.name,
      state: 'pending',
      pendingKey: residence._id,
      createdAt: wallInstant(addDays(today, -1), '16:40'),
    },
  ];

  // --- slots --------------------------------------------------------------------------------
  const slots = new Map<string, SlotDoc>();
  for (const window of ['community', 'bank'] as const) {
    for (const date of weekdays(today, PAST_DAYS, AHEAD_DAYS)) {
      for (const time of SLOT_TIMES[window]) {
        const startAt = wallInstant(date, time);
        const id = slotIdOf(window, date, time);
        slots.set(id, {
          _id: id,
          window,
          date,
          startAt,
          endAt: new Date(startAt.getTime() + SLOT_MINUTES * 60_000),
          capacity: CAPACITY[window],
          left: CAPACITY[window],
          bookingKeys: [],
          createdBy: window === 'bank' ? bankStaff._id : staff._id,
          updatedAt: wallInstant(addDays(date < today ? date : today, -7), '08:00'),
        });
      }
    }
  }
  const slotList = [...slots.values()];
  const futureDays = comingServiceDays(today);
  const pastDays = weekdays(today, PAST_DAYS, 0).filter((date) => date < today);

  // --- bookings -----------------------------------------------------------------------------
  const bookings: BookingDoc[] = [];
  /** Active keys used so far: one booking per person, window and day (the function's unique key). */
  const taken = new Set<string>();
  let serial = 0;
  const bookFor = (spec: {
    slotId: string;
    itemId: string;
    person: ResidentDoc;
    by?: ResidentDoc;
    note?: string;
    status?: BookingDoc['status'];
  }): BookingDoc => {
    const slot = slots.get(spec.slotId)!;
    const item = itemById.get(spec.itemId)!;
    const by = spec.by ?? spec.person;
    const key = requestKey(by._id, `seed-${++serial}`);
    const id = bookingIdOf(key);
    const createdAt = new Date(
      Math.min(slot.startAt.getTime() - (2 + (serial % 4)) * 86_400_000, dayBegan.getTime() - serial * 600_000),
    );
    const status = spec.status ?? 'booked';
    taken.add(bookingActiveKey(slot.window, slot.date, spec.person._id));
    slot.left -= 1;
    slot.bookingKeys.push(key);
    const booking: BookingDoc = {
      _id: id,
      requestKey: key,
      activeKey: status === 'cancelled' ? `x|${id}` : bookingActiveKey(slot.window, slot.date, spec.person._id),
      slotId: slot._id,
      window: slot.window,
      date: slot.date,
      startAt: slot.startAt,
      endAt: slot.endAt,
      itemId: item._id,
      itemTitle: item.title,
      personId: spec.person._id,
      personName: spec.person.name,
      bookerId: by._id,
      bookerName: by.name,
      relation: by._id === spec.person._id ? 'self' : 'relative',
      ...(by._id === spec.person._id ? {} : { proxy: { actorId: by._id, subjectId: spec.person._id, at: createdAt } }),
      ...(spec.note ? { note: spec.note } : {}),
      status,
      reminder: slot.date < today ? 'sent' : 'pending',
      createdAt,
    };
    bookings.push(booking);
    return booking;
  };

  const neighbours = residents.filter(
    (r) =>
      r.binding.status === 'verified' && r.openid && !r._id.startsWith('r-demo') && r.binding.address?.buildingNo !== 5,
  );
  const seniors = residents.filter(
    (r) => r.binding.status === 'verified' && !r._id.startsWith('r-demo') && (r.birthYear ?? 2000) <= 1950,
  );
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Draw again when the person already has a booking at that window that day.
  const pickPerson = (pool: readonly ResidentDoc[], slotId: string) => {
    const slot = slots.get(slotId)!;
    for (;;) {
      const person = pick(pool);
      if (!taken.has(bookingActiveKey(slot.window, slot.date, person._id))) return person;
    }
  };

  // The demo users' upcoming bookings.
  const [first, second] = futureDays;
  if (first) {
    bookFor({
      slotId: slotIdOf('community', first, '09:30'),
      itemId: 'svc-shengyu',
      person: need('r-demo-resident'),
      note: '孕检需要用，麻烦提前准备登记表',
    });
    bookFor({
      slotId: slotIdOf('community', first, '10:00'),
      itemId: 'svc-gaoling',
      person: need('r-demo-senior-nophone'),
      by: need('r-demo-relative'),
      note: '老人腿脚不便，由儿子陪同',
    });
  }
  // Neighbours fill some places of the coming days.
  const communityItems = items.filter((item) => item.window === 'community' && item.bookable);
  const bankItems = items.filter((item) => item.window === 'bank' && item.bookable);
  for (const date of [first, second].filter((d): d is string => Boolean(d))) {
    for (const time of ['09:00', '10:30', '14:30', '15:00']) {
      const slotId = slotIdOf('community', date, time);
      bookFor({ slotId, itemId: pick(communityItems)._id, person: pickPerson(neighbours, slotId) });
    }
    for (const time of ['09:00', '09:30', '14:00']) {
      const slotId = slotIdOf('bank', date, time);
      bookFor({ slotId, itemId: pick(bankItems)._id, person: pickPerson(seniors, slotId) });
    }
  }
  // A full slot: the bank's 10:00 on the first coming day.
  if (first) {
    const full = slots.get(slotIdOf('bank', first, '10:00'))!;
    while (full.left > 0) bookFor({ slotId: full._id, itemId: 'svc-bank-cash', person: pickPerson(seniors, full._id) });
  }

  // --- past records with ratings --------------------------------------------------------------
  const records: RecordDoc[] = [];
  const ratingPlan: Array<{ level: RatingLevel; reasons: Commitment[]; comment?: string } | undefined> = [
    { level: 'satisfied', reasons: ['courteous'] },
    { level: 'satisfied', reasons: ['inform_once', 'courteous'] },
    { level: 'satisfied', reasons: [] },
    undefined,
    { level: 'basic', reasons: ['on_time'], comment: '等的时间有点长' },
    { level: 'satisfied', reasons: ['on_time'] },
    { level: 'satisfied', reasons: ['courteous'], comment: '工作人员很耐心，还帮我填了表' },
    undefined,
  ];
  const finish = (spec: {
    date: string;
    time: string;
    itemId: string;
    person: ResidentDoc;
    by: ResidentDoc;
    minutes: number;
    rating?: { level: RatingLevel; reasons: Commitment[]; comment?: string };
    late?: boolean;
    /** A fixed id, for a record tests and the preview open; otherwise numbered. */
    id?: string;
  }) => {
    const item = itemById.get(spec.itemId)!;
    const openedAt = wallInstant(spec.date, spec.time);
    const due = dueAt(openedAt, item.timeLimit);
    // On the spot within the minutes; working-day items one to three days later; or late.
    const finishedAt = spec.late
      ? new Date(due.getTime() + 26 * 3600_000)
      : item.timeLimit.kind === 'minutes'
        ? new Date(openedAt.getTime() + Math.min(spec.minutes, item.timeLimit.value) * 60_000)
        : new Date(openedAt.getTime() + (1 + (spec.minutes % 3)) * 86_400_000);
    const done = finishedAt.getTime() < dayBegan.getTime();
    const record: RecordDoc = {
      _id: spec.id ?? `rec-seed-${records.length + 1}`,
      window: item.window,
      itemId: item._id,
      itemTitle: item.title,
      clause: item.clause,
      timeLimit: item.timeLimit,
      personId: spec.person._id,
      personName: spec.person.name,
      staffId: spec.by._id,
      staffName: spec.by.name,
      status: done ? 'done' : 'received',
      openedAt,
      clockStartAt: openedAt,
      dueAt: due,
      missing: [],
      askedForMore: 0,
      ...(done
        ? {
            finishedAt,
            month: todayKey(finishedAt).slice(0, 7),
            withinLimit: finishedAt.getTime() <= due.getTime(),
          }
        : {}),
      ...(done && spec.rating
        ? {
            rating: {
              ...spec.rating,
              byId: spec.person._id,
              at: new Date(finishedAt.getTime() + 3 * 3600_000),
            },
          }
        : {}),
      updatedAt: done ? finishedAt : openedAt,
    };
    records.push(record);
    return record;
  };

  // Served from a booking or a number, most days of the past five weeks.
  pastDays.forEach((date, index) => {
    if (date > addDays(today, -3) && index % 2) return;
    const window: WindowKey = index % 3 === 0 ? 'bank' : 'community';
    const server = window === 'bank' ? bankStaff : staff;
    const pool = window === 'bank' ? bankItems : communityItems;
    const item = pick(pool);
    const time = pick(SLOT_TIMES[window]);
    const slotId = slotIdOf(window, date, time);
    const person = pickPerson(window === 'bank' ? seniors : neighbours, slotId);
    const plan = ratingPlan[index % ratingPlan.length];
    const record = finish({
      date,
      time,
      itemId: item._id,
      person,
      by: server,
      minutes: 8 + (index % 10),
      ...(plan ? { rating: plan } : {}),
      late: index === 4,
    });
    const booking = bookFor({
      slotId,
      itemId: item._id,
      person,
      status: record.status === 'done' ? 'served' : 'arrived',
    });
    booking.recordId = record._id;
    record.bookingId = booking._id;
  });

  // 金融服务站: 赵桂兰 withdrew cash with 韩雅琴 nine days ago, satisfied.
  const senior = need('r-demo-senior');
  const withdrawDay = pastDays.filter((date) => date <= addDays(today, -7)).pop();
  if (withdrawDay) {
    finish({
      date: withdrawDay,
      time: '09:40',
      itemId: 'svc-bank-cash',
      person: senior,
      by: bankStaff,
      minutes: 12,
      rating: { level: 'satisfied', reasons: ['courteous'], comment: '小韩很耐心，帮我把钱点清楚了' },
    });
  }
  // One unsatisfied rating this month: the materials were told in two visits (一次告知 broken).
  const settled = pastDays.filter((date) => date <= addDays(today, -5));
  const complaintDay = settled.filter((date) => date.slice(0, 7) === today.slice(0, 7)).pop() ?? settled.pop()!;
  const complainer = pick(neighbours);
  const complaint = finish({
    date: complaintDay,
    time: '14:10',
    itemId: 'svc-juzhuzheng',
    person: complainer,
    by: staff,
    minutes: 30,
    rating: { level: 'unsatisfied', reasons: ['inform_once'], comment: '第一次没说要带照片，跑了两趟' },
  });
  if (complaint.status === 'done') complaint.complaint = { at: complaint.rating!.at, toldDirectors: 1 };

  // 林晓燕's residence certificate last week: finished, not rated yet (shows in 我的预约 → 待评价).
  const lastWeek = pastDays.filter((date) => date <= addDays(today, -2)).pop();
  if (lastWeek) {
    finish({
      date: lastWeek,
      time: '10:20',
      itemId: 'svc-juzhu',
      person: need('r-demo-resident'),
      by: staff,
      minutes: 10,
      id: DEMO_SERVICE.unratedRecord,
    });
  }

  // Open now: one waiting for materials, one past its time limit (flagged on the staff pages).
  const waitingDay = pastDays[pastDays.length - 2] ?? today;
  const waiting = itemById.get('svc-canji-butie')!;
  const waitingAt = wallInstant(waitingDay, '15:20');
  const waitingPerson = pick(seniors);
  records.push({
    _id: `rec-seed-${records.length + 1}`,
    window: 'community',
    itemId: waiting._id,
    itemTitle: waiting.title,
    clause: waiting.clause,
    timeLimit: waiting.timeLimit,
    personId: waitingPerson._id,
    personName: waitingPerson.name,
    staffId: staff._id,
    staffName: staff.name,
    status: 'needs_materials',
    openedAt: waitingAt,
    clockStartAt: waitingAt,
    dueAt: dueAt(waitingAt, waiting.timeLimit),
    missing: ['残疾人证原件', '本人银行卡复印件'],
    askedForMore: 1,
    updatedAt: waitingAt,
  });
  const overdueItem = itemById.get('svc-linshi')!;
  const overdueDay = pastDays
    .filter((date) => dueAt(wallInstant(date, '09:15'), overdueItem.timeLimit) < dayBegan)
    .pop();
  if (overdueDay) {
    const openedAt = wallInstant(overdueDay, '09:15');
    const person = pick(neighbours);
    records.push({
      _id: `rec-seed-${records.length + 1}`,
      window: 'community',
      itemId: overdueItem._id,
      itemTitle: overdueItem.title,
      clause: overdueItem.clause,
      timeLimit: overdueItem.timeLimit,
      personId: person._id,
      personName: person.name,
      staffId: staff._id,
      staffName: staff.name,
      status: 'received',
      openedAt,
      clockStartAt: openedAt,
      dueAt: dueAt(openedAt, overdueItem.timeLimit),
      missing: [],
      askedForMore: 0,
      overdueAlert: dueAt(openedAt, overdueItem.timeLimit),
      updatedAt: openedAt,
    });
  }

  // Past bookings nobody came for.
  for (const date of pastDays.slice(-6, -1)) {
    const slotId = slotIdOf('community', date, '16:00');
    bookFor({ slotId, itemId: pick(communityItems)._id, person: pickPerson(neighbours, slotId), status: 'no_show' });
  }

  return {
    service_items: items,
    service_revisions: revisions,
    service_slots: slotList,
    service_bookings: bookings,
    service_records: records,
  };
}
