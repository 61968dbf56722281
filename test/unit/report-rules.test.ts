/**
 * 报事 rules as plain functions: places, the routing table, who may drive each step, the
 * state machine (no illegal transition, reopen once), the auto-close deadline on the
 * Asia/Shanghai calendar, and the handling figures.
 */
import type { Role } from '../../typings/domain/community';
import type { ReportStatus } from '../../typings/domain/report';
import {
  alsoAlertStaff,
  assignmentLabel,
  autoCloseAt,
  autoCloseLabel,
  computeStats,
  configProblem,
  DEFAULT_CATEGORIES,
  DEFAULT_SPOTS,
  eventsFrom,
  floorOfRoom,
  handlerKeys,
  handlerPower,
  handlerRoleLabel,
  median,
  monthRange,
  nearestSpot,
  reportNo,
  resolvePlace,
  routeReport,
  transition,
  viewerKeys,
  type ReportEvent,
} from '../../cloudfunctions/shared/domain/report';

const BUILDINGS = Array.from({ length: 12 }, (_, i) => ({ no: i + 1, units: 4, floors: 7 }));
const category = (id: string) => DEFAULT_CATEGORIES.find((c) => c.id === id)!;

describe('places', () => {
  it('checks a building, unit and floor against the community', () => {
    expect(resolvePlace({ kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      place: expect.objectContaining({
        label: '5号楼2单元 3层',
        buildingNo: 5,
        unitNo: 2,
        floor: 3,
        scope: 'building',
        areaKey: 'b:5',
      }),
    });
    expect(resolvePlace({ kind: 'building', buildingNo: 13 }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      problem: '没有13号楼',
    });
    expect(resolvePlace({ kind: 'building', buildingNo: 5, unitNo: 5 }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      problem: '5号楼没有5单元',
    });
    expect(resolvePlace({ kind: 'building', buildingNo: 5, floor: 3 }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      problem: '请先选择单元',
    });
  });

  it('takes spots from the list only; a spot may belong to a building', () => {
    expect(resolvePlace({ kind: 'spot', spotId: 'east-gate' }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      place: expect.objectContaining({ label: '东门', scope: 'community', areaKey: 'spot:east-gate' }),
    });
    expect(resolvePlace({ kind: 'spot', spotId: 'nowhere' }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      problem: '请从列表中选择地点',
    });
    const spots = [{ id: 'green-5', label: '5号楼前绿地', buildingNo: 5, enabled: true }];
    expect(resolvePlace({ kind: 'spot', spotId: 'green-5' }, BUILDINGS, spots)).toEqual({
      place: expect.objectContaining({ buildingNo: 5, scope: 'building', areaKey: 'spot:green-5' }),
    });
  });

  it('matches a current location to the nearest spot within 150 m, else the whole community', () => {
    const square = DEFAULT_SPOTS.find((s) => s.id === 'square')!;
    const near = { latitude: square.latitude! + 0.0002, longitude: square.longitude! };
    expect(nearestSpot(near, DEFAULT_SPOTS)?.id).toBe('square');
    expect(resolvePlace({ kind: 'point', ...near, name: '喷泉旁' }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      place: expect.objectContaining({ label: '中心广场（喷泉旁）', areaKey: 'spot:square' }),
    });
    const far = { latitude: square.latitude! + 0.01, longitude: square.longitude! };
    expect(resolvePlace({ kind: 'point', ...far }, BUILDINGS, DEFAULT_SPOTS)).toEqual({
      place: expect.objectContaining({ label: '小区内（定位）', scope: 'community', areaKey: 'community' }),
    });
  });

  it('reads the floor from the room number', () => {
    expect(floorOfRoom('301')).toBe(3);
    expect(floorOfRoom('1204')).toBe(12);
    expect(floorOfRoom('B-1')).toBeUndefined();
  });
});

describe('routing table', () => {
  const inUnit = { buildingNo: 5, unitNo: 2 };
  it.each([
    ['sanitation', inUnit, { kind: 'building', buildingNo: 5, unitNo: 2 }],
    ['facility', { buildingNo: 3 }, { kind: 'building', buildingNo: 3 }],
    ['hazard', inUnit, { kind: 'building', buildingNo: 5, unitNo: 2 }],
    ['gas_fire', inUnit, { kind: 'staff' }],
    ['neighbour', inUnit, { kind: 'building', buildingNo: 5, unitNo: 2 }],
    ['other', {}, { kind: 'staff' }],
    ['sanitation', {}, { kind: 'staff' }],
  ])('%s at %o goes to %o', (id, place, expected) => {
    expect(routeReport(category(id).route, place)).toEqual(expected);
  });

  it('follows staff-configured routes to a volunteer team', () => {
    expect(routeReport({ kind: 'team', teamId: 'team01' }, inUnit)).toEqual({ kind: 'team', teamId: 'team01' });
  });

  it('alerts staff for urgent safety reports not already theirs', () => {
    expect(alsoAlertStaff(category('hazard'), true, { kind: 'building', buildingNo: 5 })).toBe(true);
    expect(alsoAlertStaff(category('hazard'), false, { kind: 'building', buildingNo: 5 })).toBe(false);
    expect(alsoAlertStaff(category('sanitation'), true, { kind: 'building', buildingNo: 5 })).toBe(false);
    expect(alsoAlertStaff(category('gas_fire'), true, { kind: 'staff' })).toBe(false);
  });

  it('files a report under its building, unit, staff or team, and its assignee', () => {
    expect(handlerKeys({ kind: 'building', buildingNo: 5, unitNo: 2 }, inUnit)).toEqual(['b:5', 'u:5-2']);
    expect(handlerKeys({ kind: 'staff' }, inUnit, 'r-x')).toEqual(['b:5', 'staff', 'a:r-x']);
    expect(handlerKeys({ kind: 'team', teamId: 'team01' }, {})).toEqual(['team:team01']);
  });

  it('labels assignments in words', () => {
    const teams = new Map([['team01', '环境美化志愿服务队']]);
    expect(assignmentLabel({ kind: 'building', buildingNo: 5 }, teams)).toBe('5号楼党支部');
    expect(assignmentLabel({ kind: 'building', buildingNo: 5, unitNo: 2 }, teams)).toBe('5号楼党支部（2单元）');
    expect(assignmentLabel({ kind: 'staff' }, teams)).toBe('社区工作人员');
    expect(assignmentLabel({ kind: 'team', teamId: 'team01' }, teams)).toBe('环境美化志愿服务队');
  });
});

describe('who may act', () => {
  const secretary5: Role[] = [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 5 }];
  const secretary3: Role[] = [{ kind: 'branch_secretary', buildingNo: 3 }];
  const leader52: Role[] = [{ kind: 'unit_leader', buildingNo: 5, unitNo: 2 }];
  const leader51: Role[] = [{ kind: 'unit_leader', buildingNo: 5, unitNo: 1 }];
  const teamLeader: Role[] = [{ kind: 'team_leader', teamId: 'team01' }];
  const staff: Role[] = [{ kind: 'staff' }];
  const report = {
    ownerIds: ['r-owner'],
    assignment: { kind: 'building' as const, buildingNo: 5, unitNo: 2 },
    buildingNo: 5,
    handlerKeys: ['b:5', 'u:5-2'],
  };

  it('gives staff and the building’s secretary full power, the unit leader work, others nothing', () => {
    expect(handlerPower(staff, 'x', report)).toBe('full');
    expect(handlerPower(secretary5, 'x', report)).toBe('full');
    expect(handlerPower(leader52, 'x', report)).toBe('work');
    expect(handlerPower(leader51, 'x', report)).toBeNull();
    expect(handlerPower(secretary3, 'x', report)).toBeNull();
    expect(handlerPower([], 'x', report)).toBeNull();
  });

  it('gives the assigned team’s leader and the assignee work', () => {
    const toTeam = {
      ...report,
      assignment: { kind: 'team' as const, teamId: 'team01' },
      handlerKeys: ['b:5', 'team:team01'],
    };
    expect(handlerPower(teamLeader, 'x', toTeam)).toBe('work');
    expect(handlerPower([], 'r-vol', { ...toTeam, assigneeId: 'r-vol' })).toBe('work');
    // The building's secretary keeps following a report handed to a team.
    expect(handlerPower(secretary5, 'x', toTeam)).toBe('full');
  });

  it('names a handler by the role that makes them one', () => {
    const doc = { ...report, assignmentLabel: '5号楼党支部（2单元）' };
    expect(handlerRoleLabel(secretary5, doc)).toBe('5号楼党支部书记');
    expect(handlerRoleLabel(leader52, doc)).toBe('5号楼2单元单元长');
    expect(handlerRoleLabel(staff, doc)).toBe('社区工作人员');
    const toTeam = {
      ...doc,
      assignment: { kind: 'team' as const, teamId: 'team01' },
      assignmentLabel: '环境美化志愿服务队',
    };
    expect(handlerRoleLabel(teamLeader, toTeam)).toBe('环境美化志愿服务队队长');
  });

  it('lists the inbox keys a person looks after', () => {
    expect(viewerKeys(secretary5, 'r-s')).toEqual(['a:r-s', 'b:5']);
    expect(viewerKeys([...leader52, ...teamLeader], 'r-l')).toEqual(['a:r-l', 'u:5-2', 'team:team01']);
  });
});

describe('state machine', () => {
  const ALL: ReportStatus[] = [
    'submitted',
    'accepted',
    'in_progress',
    'resolved',
    'confirmed',
    'closed',
    'rejected',
    'duplicate',
    'withdrawn',
  ];
  const LEGAL: Record<ReportStatus, ReportEvent[]> = {
    submitted: ['accept', 'reject', 'duplicate', 'reassign', 'withdraw'],
    accepted: ['start', 'resolve', 'reject', 'duplicate', 'reassign'],
    in_progress: ['resolve', 'reject', 'duplicate', 'reassign'],
    resolved: ['confirm', 'reopen', 'close'],
    confirmed: [],
    closed: [],
    rejected: ['reopen'],
    duplicate: ['reopen'],
    withdrawn: [],
  };

  it.each(ALL)('allows exactly the legal steps from %s', (status) => {
    expect(eventsFrom(status, 0).sort()).toEqual([...LEGAL[status]].sort());
  });

  it('walks the happy path 已提交 → 已受理 → 处理中 → 已解决 → 已确认', () => {
    let status: ReportStatus = 'submitted';
    for (const event of ['accept', 'start', 'resolve', 'confirm'] as ReportEvent[]) {
      const step = transition(status, event);
      if (!step.ok) throw new Error(step.reason);
      status = step.to;
    }
    expect(status).toBe('confirmed');
  });

  it('refuses an illegal step with the current status in words', () => {
    expect(transition('confirmed', 'accept')).toEqual({ ok: false, reason: expect.stringContaining('已确认') });
    expect(transition('submitted', 'resolve')).toMatchObject({ ok: false });
    expect(transition('resolved', 'withdraw')).toMatchObject({ ok: false });
  });

  it('reopens once: a resolved report back to 处理中, a rejected one back to 已提交', () => {
    expect(transition('resolved', 'reopen', 0)).toEqual({ ok: true, to: 'in_progress' });
    expect(transition('rejected', 'reopen', 0)).toEqual({ ok: true, to: 'submitted' });
    expect(transition('duplicate', 'reopen', 0)).toEqual({ ok: true, to: 'submitted' });
    expect(transition('resolved', 'reopen', 1)).toEqual({ ok: false, reason: expect.stringContaining('一次') });
    expect(eventsFrom('resolved', 1).sort()).toEqual(['close', 'confirm']);
  });

  it('hands over to the new side, who must accept', () => {
    expect(transition('in_progress', 'reassign')).toEqual({ ok: true, to: 'submitted' });
  });
});

describe('auto-close in Asia/Shanghai', () => {
  it('gives the rest of the resolution day plus 7 full days', () => {
    // 2026-03-01 15:00 in Shanghai → closes at 2026-03-09 00:00 Shanghai (= 03-08 16:00Z).
    expect(autoCloseAt(new Date('2026-03-01T07:00:00Z')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(autoCloseLabel(autoCloseAt(new Date('2026-03-01T07:00:00Z')))).toBe('请在3月8日前确认，逾期将自动关闭');
  });

  it('counts days on the community’s calendar, not UTC’s', () => {
    // 2026-03-01 23:30Z is already 03-02 07:30 in Shanghai: the deadline moves a day.
    expect(autoCloseAt(new Date('2026-03-01T23:30:00Z')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // 2026-03-01 15:59Z is 23:59 on 03-01 in Shanghai.
    expect(autoCloseAt(new Date('2026-03-01T15:59:00Z')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  it('crosses a month end', () => {
    expect(autoCloseAt(new Date('2026-02-26T02:00:00Z')).toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });
});

describe('numbers and months', () => {
  it('draws readable report numbers dated in Shanghai', () => {
    let i = 0;
    const no = reportNo(new Date('2026-02-28T17:00:00Z'), () => [0, 0.5, 0.99, 0.2][i++ % 4]!);
    expect(no).toMatch(/^RP260301-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('bounds a month on the Shanghai calendar', () => {
    const range = monthRange('2026-03');
    expect(range.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(range.label).toBe('2026年3月');
  });
});

describe('figures', () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 2, 2) + hours * 3600 * 1000);

  it('takes medians of odd and even counts', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('counts per building × category, medians in hours, mean satisfaction', () => {
    const stats = computeStats(
      [
        {
          buildingNo: 5,
          categoryId: 'facility',
          categoryLabel: '公共设施',
          status: 'confirmed',
          createdAt: at(0),
          firstAcceptedAt: at(1),
          resolvedAt: at(10),
          rating: { stars: 5 },
        },
        {
          buildingNo: 5,
          categoryId: 'facility',
          categoryLabel: '公共设施',
          status: 'resolved',
          createdAt: at(0),
          firstAcceptedAt: at(3),
          resolvedAt: at(30),
        },
        {
          buildingNo: 5,
          categoryId: 'sanitation',
          categoryLabel: '环境卫生',
          status: 'confirmed',
          createdAt: at(0),
          firstAcceptedAt: at(2),
          resolvedAt: at(4),
          rating: { stars: 2 },
        },
        { categoryId: 'gas_fire', categoryLabel: '燃气/消防', status: 'submitted', createdAt: at(0) },
      ],
      [{ buildingNo: 5, categoryId: 'facility', categoryLabel: '公共设施', status: 'accepted', createdAt: at(-100) }],
      DEFAULT_CATEGORIES.map((c) => c.id),
    );
    const five = stats.buildings[0]!;
    expect(five).toMatchObject({ buildingLabel: '5号楼', reported: 3, resolved: 3, open: 1, ratings: 2 });
    expect(five.medianAcceptHours).toBe(2);
    expect(five.medianAcceptMinutes).toBe(120);
    expect(five.medianResolveHours).toBe(10);
    expect(five.satisfaction).toBe(3.5);
    expect(five.categories.map((c) => c.categoryLabel)).toEqual(['环境卫生', '公共设施']);
    expect(five.categories[1]).toMatchObject({ reported: 2, open: 1, medianAcceptHours: 2, medianResolveHours: 20 });
    expect(stats.buildings[1]).toMatchObject({ buildingLabel: '公共区域', reported: 1, resolved: 0 });
    expect(stats.buildings[1]!.medianAcceptHours).toBeUndefined();
    expect(stats.total).toMatchObject({ reported: 4, resolved: 3, open: 1, satisfaction: 3.5 });
    expect(stats.categories.map((c) => c.categoryLabel)).toEqual(['环境卫生', '公共设施', '燃气/消防']);
  });
});

describe('configuration', () => {
  const teams = new Set(['team01']);
  const buildings = new Set([1, 2, 3, 4, 5]);
  it('accepts the defaults', () => {
    expect(configProblem(DEFAULT_CATEGORIES, DEFAULT_SPOTS, teams, buildings)).toBeNull();
  });
  it('refuses duplicates, unknown teams and buildings, and no enabled category', () => {
    const dup = [...DEFAULT_CATEGORIES, DEFAULT_CATEGORIES[0]!];
    expect(configProblem(dup, [], teams, buildings)).toContain('重复');
    const toTeam = [{ ...DEFAULT_CATEGORIES[0]!, route: { kind: 'team' as const, teamId: 'team99' } }];
    expect(configProblem(toTeam, [], teams, buildings)).toContain('志愿服务队不存在');
    expect(
      configProblem(
        DEFAULT_CATEGORIES.map((c) => ({ ...c, enabled: false })),
        [],
        teams,
        buildings,
      ),
    ).toContain('至少');
    expect(
      configProblem(DEFAULT_CATEGORIES, [{ id: 'x', label: '花园', buildingNo: 9, enabled: true }], teams, buildings),
    ).toContain('9号楼不存在');
  });
});
