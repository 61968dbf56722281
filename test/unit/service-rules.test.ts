/** The service window's rules as plain functions, and its demo data. */
import type { BookingDoc, RecordDoc, SlotDoc } from '../../cloudfunctions/service/docs';
import { maskName } from '../../cloudfunctions/service/queue';
import { roleAssignmentProblem } from '../../cloudfunctions/shared/domain/roles';
import {
  contentChanges,
  dueAt,
  dueLabel,
  evaluate,
  evaluationScope,
  matchItem,
  mayEdit,
  mayReview,
  normalizeQuery,
  parseSlotId,
  parseWindowCode,
  phraseIndex,
  pinyinKeys,
  searchKeys,
  timeLimitLabel,
  todayKey,
  windowCode,
  windowsOf,
} from '../../cloudfunctions/shared/domain/service';
import { buildDemoCommunity } from '../../local/seed/community';
import { HANDBOOK } from '../../local/seed/service-handbook';
import { pinyin } from 'pinyin-pro';
import { syllabifyWith } from '../../cloudfunctions/shared/pinyin';

const syllabify = syllabifyWith(pinyin);

/** Wall-clock instant in Shanghai. */
const at = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);

describe('search keys', () => {
  it('computes full pinyin and initials of Chinese phrases', () => {
    expect(pinyinKeys('低保证', syllabify)).toEqual({ full: 'dibaozheng', initials: 'dbz' });
    expect(pinyinKeys('居住证明', syllabify)).toEqual({ full: 'juzhuzhengming', initials: 'jzzm' });
    expect(pinyinKeys('老年优待证', syllabify)).toEqual({ full: 'laonianyoudaizheng', initials: 'lnydz' });
    expect(pinyinKeys('交电费', syllabify)).toEqual({ full: 'jiaodianfei', initials: 'jdf' });
  });

  it('normalises what people type: case, spaces, punctuation, full-width letters', () => {
    expect(normalizeQuery(' ＤＢＺ ')).toBe('dbz');
    expect(normalizeQuery('低保，证？')).toBe('低保证');
    expect(normalizeQuery('.*')).toBe('');
  });

  it('keys an item by its phrases, their pinyin and initials, and its category', () => {
    const index = phraseIndex({ title: '高龄津贴申领', aliases: ['高龄补贴'] }, syllabify);
    expect(searchKeys(index, '养老服务')).toEqual([
      '高龄津贴申领',
      'gaolingjintieshenling',
      'gljtsl',
      '高龄补贴',
      'gaolingbutie',
      'glbt',
      '养老服务',
    ]);
  });

  it('ranks title matches first and says how a pinyin query matched', () => {
    const item = {
      index: phraseIndex({ title: '最低生活保障申请', aliases: ['低保证', '低保'] }, syllabify),
      category: '社会救助',
    };
    expect(matchItem(item, '最低')).toEqual({ rank: 0 });
    expect(matchItem(item, '生活')).toEqual({ rank: 1 });
    expect(matchItem(item, '低保证')).toEqual({ rank: 2, matchedBy: '又称“低保证”' });
    expect(matchItem(item, 'DBZ')).toEqual({ rank: 3, matchedBy: '拼音首字母 dbz：低保证' });
    expect(matchItem(item, 'baozhang')).toEqual({ rank: 4, matchedBy: '拼音 baozhang：最低生活保障申请' });
    expect(matchItem(item, '救助')).toEqual({ rank: 6, matchedBy: '属于“社会救助”' });
    expect(matchItem(item, '居住')).toBeNull();
  });

  it('finds every demo item by the initials of its title', () => {
    for (const content of HANDBOOK) {
      const index = phraseIndex(content, syllabify);
      expect([content.id, matchItem({ index, category: content.category }, index[0]!.initials)?.rank]).toEqual([
        content.id,
        3,
      ]);
    }
  });
});

describe('the time-limit clock', () => {
  it('counts minutes on the spot, and working days ending 17:00, skipping the weekend', () => {
    expect(dueAt(at('2031-03-05 09:31'), { kind: 'minutes', value: 15 })).toEqual(at('2031-03-05 09:46'));
    // Wednesday + 3 working days = Monday 17:00.
    expect(dueAt(at('2031-03-05 10:00'), { kind: 'workdays', value: 3 })).toEqual(at('2031-03-10 17:00'));
    // Friday evening + 1 = Monday.
    expect(dueAt(at('2031-03-07 16:50'), { kind: 'workdays', value: 1 })).toEqual(at('2031-03-10 17:00'));
    // Shanghai's day, not UTC's: 07:00 in Shanghai is the previous day in UTC.
    expect(dueAt(at('2031-03-10 07:00'), { kind: 'workdays', value: 1 })).toEqual(at('2031-03-11 17:00'));
  });

  it('says the clock in words', () => {
    expect(timeLimitLabel({ kind: 'minutes', value: 20 })).toBe('当场办结（约20分钟）');
    expect(timeLimitLabel({ kind: 'workdays', value: 15 })).toBe('15个工作日内办结');
    const now = at('2031-03-05 10:00');
    expect(dueLabel('received', at('2031-03-05 10:30'), now)).toBe('今天 10:30前办结');
    expect(dueLabel('received', at('2031-03-06 17:00'), now)).toBe('明天 17:00前办结');
    expect(dueLabel('received', at('2031-03-05 07:00'), now)).toBe('已超时 3小时（应于今天 07:00前办结）');
    expect(dueLabel('needs_materials', at('2031-03-05 07:00'), now)).toBe('等待补齐材料，补齐后重新计时');
    expect(todayKey(at('2031-03-05 00:30'))).toBe('2031-03-05');
  });
});

describe('codes and ids', () => {
  it('reads the window code back, and refuses anything else', () => {
    const code = windowCode('bank', '2031-03-05', 'a1b2c3d4e5f6a7b8c9d0e1f2');
    expect(parseWindowCode(` ${code} `)).toEqual({
      window: 'bank',
      date: '2031-03-05',
      token: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    });
    expect(parseWindowCode('CSSVC|post|2031-03-05|a1b2c3d4e5f6a7b8')).toBeNull();
    expect(parseWindowCode('pages/me/index')).toBeNull();
    expect(parseSlotId('community_2031-03-05_0930')).toEqual({
      window: 'community',
      date: '2031-03-05',
      time: '09:30',
    });
    expect(parseSlotId('community_2031-03-05')).toBeNull();
  });

  it('masks names on the public queue screen', () => {
    expect(maskName('赵桂兰')).toBe('赵*兰');
    expect(maskName('林燕')).toBe('林*');
    expect(maskName('欧阳建华')).toBe('欧**华');
  });
});

describe('who does what', () => {
  it('puts community staff at both windows and bank staff at the 金融服务站 only', () => {
    expect(windowsOf([{ kind: 'staff' }])).toEqual(['community', 'bank']);
    expect(windowsOf([{ kind: 'bank_staff' }])).toEqual(['bank']);
    expect(windowsOf([{ kind: 'director' }, { kind: 'canteen_staff' }])).toEqual([]);
    expect(mayEdit([{ kind: 'bank_staff' }], 'community')).toBe(false);
    expect(mayEdit([{ kind: 'bank_staff' }], 'bank')).toBe(true);
  });

  it('reviews with four eyes, and scopes the evaluation', () => {
    expect(mayReview([{ kind: 'staff' }], 'r-a', 'r-a')).toBe(false);
    expect(mayReview([{ kind: 'staff' }], 'r-a', 'r-b')).toBe(true);
    expect(mayReview([{ kind: 'director' }], 'r-a', 'r-b')).toBe(true);
    expect(mayReview([{ kind: 'bank_staff' }], 'r-a', 'r-b')).toBe(false);
    expect(evaluationScope([{ kind: 'director' }])).toBe('all');
    expect(evaluationScope([{ kind: 'bank_staff' }])).toBe('self');
    expect(evaluationScope([{ kind: 'party_member' }])).toBeNull();
  });

  it('keeps bank staff apart from community staff and the director', () => {
    const world = { buildings: new Map([[5, 4]]), teamIds: new Set<string>() };
    const person = (roles: Array<{ kind: 'staff' | 'bank_staff' | 'director' }>) => ({
      _id: 'r-x',
      roles,
      binding: { status: 'none' as const },
    });
    expect(roleAssignmentProblem({ kind: 'bank_staff' }, person([]), world)).toBeNull();
    expect(roleAssignmentProblem({ kind: 'bank_staff' }, person([{ kind: 'staff' }]), world)?.code).toBe('CONFLICT');
    expect(roleAssignmentProblem({ kind: 'staff' }, person([{ kind: 'bank_staff' }]), world)?.code).toBe('CONFLICT');
    expect(roleAssignmentProblem({ kind: 'director' }, person([{ kind: 'bank_staff' }]), world)?.code).toBe('CONFLICT');
    expect(roleAssignmentProblem({ kind: 'director' }, person([{ kind: 'staff' }]), world)).toBeNull();
  });
});

describe('versions and the evaluation', () => {
  it('names the fields a revision changes', () => {
    const content = { ...HANDBOOK[0]!, id: undefined };
    expect(contentChanges(undefined, content)).toEqual(['新增事项']);
    expect(contentChanges(content, { ...content, fee: '5元', timeLimit: { kind: 'workdays', value: 3 } })).toEqual([
      '办结时限',
      '收费',
    ]);
    expect(contentChanges(content, { ...content })).toEqual([]);
  });

  it('counts per staff member and per service: done, in time, satisfaction, complaints', () => {
    const r = (
      staffName: string,
      itemTitle: string,
      withinLimit: boolean,
      level?: 'satisfied' | 'basic' | 'unsatisfied',
    ) => ({
      staffId: staffName,
      staffName,
      itemId: itemTitle,
      itemTitle,
      withinLimit,
      ...(level ? { rating: { level } } : {}),
    });
    const figures = evaluate([
      r('韩雅琴', '存取款协助', true, 'satisfied'),
      r('韩雅琴', '代缴水电燃气费', false, 'unsatisfied'),
      r('何静怡', '存取款协助', true, 'basic'),
      r('何静怡', '居住证明开具', true),
    ]);
    expect(
      figures.byStaff.map((row) => [row.name, row.done, row.withinLimitRate, row.satisfactionRate, row.complaints]),
    ).toEqual([
      // Equal counts: by the name's pinyin (韩 hán before 何 hé).
      ['韩雅琴', 2, '50%', '50%', 1],
      ['何静怡', 2, '100%', '100%', 0],
    ]);
    expect(figures.byService[0]).toMatchObject({ name: '存取款协助', done: 2, satisfied: 1, basic: 1 });
    expect(figures.totals).toMatchObject({ done: 4, withinLimit: 3, rated: 3, complaints: 1, withinLimitRate: '75%' });
    expect(evaluate([]).totals).toMatchObject({ withinLimitRate: '—', satisfactionRate: '—' });
  });
});

describe('the demo service window', () => {
  const NOW = at('2031-03-05 10:00');
  const { data } = buildDemoCommunity(NOW);
  const slots = data.service_slots as SlotDoc[];
  const bookings = data.service_bookings as BookingDoc[];
  const records = data.service_records as RecordDoc[];

  it('has a handbook of at least 20 items with clause numbers, 低保证 and 高龄津贴 among them', () => {
    expect(data.service_items!.length).toBeGreaterThanOrEqual(20);
    const titles = HANDBOOK.flatMap((item) => [item.title, ...item.aliases]);
    expect(titles).toEqual(expect.arrayContaining(['低保证', '高龄津贴', '居住证明', '老年优待证']));
    expect(HANDBOOK.every((item) => /^CSHY\/FW-\d\.\d\.\d$/.test(item.clause))).toBe(true);
  });

  it('keeps slot places and request keys exactly as the function would', () => {
    const bySlot = new Map<string, BookingDoc[]>();
    for (const booking of bookings) bySlot.set(booking.slotId, [...(bySlot.get(booking.slotId) ?? []), booking]);
    for (const slot of slots) {
      const taken = bySlot.get(slot._id) ?? [];
      expect(slot.left).toBe(slot.capacity - taken.length);
      expect(slot.bookingKeys.sort()).toEqual(taken.map((booking) => booking.requestKey).sort());
    }
    const active = bookings.map((booking) => booking.activeKey);
    expect(new Set(active).size).toBe(active.length);
  });

  it('dates everything around the instant it is built for', () => {
    const later = buildDemoCommunity(new Date(NOW.getTime() + 7 * 86_400_000)).data;
    const shift = (list: object[] | undefined) =>
      (list as SlotDoc[]).map((slot) => slot.startAt.getTime()).sort((a, b) => a - b)[0]!;
    expect(shift(later.service_slots) - shift(data.service_slots)).toBe(7 * 86_400_000);
    const upcoming = bookings.filter((booking) => booking.status === 'booked');
    expect(upcoming.every((booking) => booking.startAt > NOW)).toBe(true);
    expect(records.every((record) => record.openedAt < NOW && (!record.finishedAt || record.finishedAt <= NOW))).toBe(
      true,
    );
    expect(records.some((record) => record.rating?.level === 'unsatisfied')).toBe(true);
    expect(records.some((record) => record.status === 'received' && record.dueAt < NOW)).toBe(true);
  });
});
