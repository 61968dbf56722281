/**
 * The demo community 长山花园: 12 buildings of 4 units, 7 floors and 3 rooms a floor
 * (1008 households), the four-level Party network (a branch secretary per building, a
 * unit leader per unit, Party-member households), residents including seniors living
 * alone, some without a smartphone, their relatives living elsewhere, community staff,
 * canteen staff and 14 volunteer teams. Fixed demo users have stable openids so the
 * gateway, the preview and tests can act as them.
 */
import type { Role } from '../../typings/domain/community';
import type { CollectionName } from '../../cloudfunctions/shared/collections';
import type {
  BuildingDoc,
  HouseholdDoc,
  RelativeLinkDoc,
  ResidentDoc,
  VolunteerTeamDoc,
} from '../../cloudfunctions/shared/docs';
import { fictionalName, fictionalPhone, seededRandom } from './names';
import { buildActivityDemo } from './activity';
import { buildCouncilDemo } from './council';
import { buildReportDemo } from './report';
import { buildCanteenDemo } from './canteen';
import { buildNoticeDemo } from './notice';
import { buildServiceDemo } from './service';
import { buildVolunteerDemo } from './volunteer';
import { buildSafetyDemo } from './safety';
import { buildCareDemo } from './care';
import { demoCalendar } from './calendar';

export const BUILDINGS = 12;
export const UNITS_PER_BUILDING = 4;
export const FLOORS = 7;
export const ROOMS_PER_FLOOR = 3;

export const VOLUNTEER_TEAMS = [
  '环境美化志愿服务队',
  '邻里守望志愿服务队',
  '助老上门志愿服务队',
  '治安巡逻志愿服务队',
  '健康义诊志愿服务队',
  '文明劝导志愿服务队',
  '垃圾分类志愿服务队',
  '消防安全志愿服务队',
  '扫雪除冰志愿服务队',
  '便民维修志愿服务队',
  '法律咨询志愿服务队',
  '文体活动志愿服务队',
  '青少年关爱志愿服务队',
  '心理关怀志愿服务队',
] as const;

export interface DemoUserSpec {
  openid: string;
  /** What the preview's user switcher shows. */
  label: string;
  residentId: string;
  name: string;
}

/** The fixed users a demo or test acts as (all in building 5 unless said otherwise). */
export const DEMO = {
  resident: 'demo-resident',
  senior: 'demo-senior',
  relative: 'demo-relative',
  partyMember: 'demo-party-member',
  unitLeader: 'demo-unit-leader',
  secretary: 'demo-secretary',
  otherSecretary: 'demo-secretary-b3',
  staff: 'demo-staff',
  canteen: 'demo-canteen',
  teamLeader: 'demo-team-leader',
  pending: 'demo-pending',
  bank: 'demo-bank',
  director: 'demo-director',
} as const;

/** Days before the seed day that the demo residents registered (and were verified). */
export const REGISTERED_DAYS_AGO = 325;

export function householdId(buildingNo: number, unitNo: number, room: string): string {
  return `h${String(buildingNo).padStart(2, '0')}-${unitNo}-${room}`;
}

function roomNo(floor: number, index: number): string {
  return `${floor}0${index}`;
}

export type SeedData = Partial<Record<CollectionName, object[]>>;

interface ResidentInit {
  id: string;
  name: string;
  openid?: string;
  phone?: string;
  birthYear?: number;
  address?: { buildingNo: number; unitNo: number; room: string };
  status?: ResidentDoc['binding']['status'];
  roles?: Role[];
  care?: ResidentDoc['care'];
}

function residentDoc(init: ResidentInit, registeredAt: Date): ResidentDoc {
  const status = init.status ?? (init.address ? 'verified' : 'none');
  return {
    _id: init.id,
    ...(init.openid ? { openid: init.openid } : {}),
    name: init.name,
    ...(init.phone ? { phone: init.phone } : {}),
    ...(init.birthYear ? { birthYear: init.birthYear } : {}),
    ...(init.address && status === 'verified'
      ? { householdId: householdId(init.address.buildingNo, init.address.unitNo, init.address.room) }
      : {}),
    binding: {
      status,
      ...(init.address
        ? {
            address: init.address,
            householdId: householdId(init.address.buildingNo, init.address.unitNo, init.address.room),
            requestedAt: registeredAt,
          }
        : {}),
      ...(status === 'verified' ? { decidedAt: registeredAt, decidedBy: 'seed' } : {}),
    },
    roles: init.roles ?? [],
    ...(init.care ? { care: init.care } : {}),
    ...(init.openid ? { privacyAgreedAt: registeredAt } : {}),
    createdAt: registeredAt,
    updatedAt: registeredAt,
  };
}

/**
 * The demo community as it stands at `now` (the community clock when seeding): dated demo
 * data is generated around it, so the same instant always gives the same data.
 */
export function buildDemoCommunity(now: Date): { data: SeedData; demoUsers: DemoUserSpec[] } {
  const cal = demoCalendar(now);
  const registeredAt = cal.at(-REGISTERED_DAYS_AGO, '09:00');
  const resident = (init: ResidentInit) => residentDoc(init, registeredAt);
  const random = seededRandom(20261126);
  let phoneIndex = 100;
  const nextPhone = () => fictionalPhone(phoneIndex++);

  const buildings: BuildingDoc[] = [];
  const households: HouseholdDoc[] = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    buildings.push({
      _id: `b${String(b).padStart(2, '0')}`,
      no: b,
      name: `${b}号楼`,
      units: UNITS_PER_BUILDING,
      floors: FLOORS,
    });
    for (let u = 1; u <= UNITS_PER_BUILDING; u++) {
      for (let f = 1; f <= FLOORS; f++) {
        for (let r = 1; r <= ROOMS_PER_FLOOR; r++) {
          const room = roomNo(f, r);
          households.push({ _id: householdId(b, u, room), buildingNo: b, unitNo: u, room, floor: f });
        }
      }
    }
  }

  const teams: VolunteerTeamDoc[] = VOLUNTEER_TEAMS.map((name, index) => ({
    _id: `team${String(index + 1).padStart(2, '0')}`,
    name,
  }));

  const residents: ResidentDoc[] = [];
  const links: RelativeLinkDoc[] = [];
  const demoUsers: DemoUserSpec[] = [];
  const addDemo = (openid: string, label: string, init: Omit<ResidentInit, 'openid'>) => {
    residents.push(resident({ ...init, openid, phone: init.phone ?? nextPhone() }));
    demoUsers.push({ openid, label, residentId: init.id, name: init.name });
  };

  // The fixed demo users.
  addDemo(DEMO.resident, '居民（5号楼2单元）', {
    id: 'r-demo-resident',
    name: '林晓燕',
    birthYear: 1985,
    address: { buildingNo: 5, unitNo: 2, room: '301' },
  });
  addDemo(DEMO.senior, '独居老人（5号楼1单元）', {
    id: 'r-demo-senior',
    name: '赵桂兰',
    birthYear: 1944,
    address: { buildingNo: 5, unitNo: 1, room: '102' },
    care: { livesAlone: true, deliveryEligible: true },
  });
  residents.push(
    resident({
      id: 'r-demo-senior-nophone',
      name: '钱长海',
      birthYear: 1940,
      phone: nextPhone(),
      address: { buildingNo: 5, unitNo: 3, room: '201' },
      care: { livesAlone: true, mobilityLimited: true, deliveryEligible: true },
    }),
  );
  addDemo(DEMO.relative, '老人亲属（住在外区）', { id: 'r-demo-relative', name: '赵文杰', birthYear: 1972 });
  links.push(
    {
      _id: 'link-demo-1',
      seniorId: 'r-demo-senior',
      relativeId: 'r-demo-relative',
      status: 'confirmed',
      requestedAt: registeredAt,
      confirmedAt: registeredAt,
      confirmedBy: 'r-demo-senior',
    },
    {
      _id: 'link-demo-2',
      seniorId: 'r-demo-senior-nophone',
      relativeId: 'r-demo-relative',
      status: 'confirmed',
      requestedAt: registeredAt,
      confirmedAt: registeredAt,
      confirmedBy: 'r-demo-staff',
      proxyReason: '老人无智能手机，经电话与上门核实后由社区代为确认',
    },
  );
  // A nephew who asked to be bound to both seniors: the demo senior confirms or declines
  // in 我的; the senior without a smartphone needs staff to confirm for him (staff pages).
  residents.push(
    resident({
      id: 'r-relative-nephew',
      name: '钱海峰',
      openid: 'o-relative-nephew',
      phone: fictionalPhone(9001),
      birthYear: 1980,
    }),
  );
  const REQUESTED_AT = cal.at(1 - REGISTERED_DAYS_AGO, '10:00');
  links.push(
    {
      _id: 'link-demo-pending-1',
      seniorId: 'r-demo-senior',
      relativeId: 'r-relative-nephew',
      status: 'pending',
      requested: { buildingNo: 5, unitNo: 1, room: '102', name: '赵桂兰' },
      requestedAt: REQUESTED_AT,
    },
    {
      _id: 'link-demo-pending-2',
      seniorId: 'r-demo-senior-nophone',
      relativeId: 'r-relative-nephew',
      status: 'pending',
      requested: { buildingNo: 5, unitNo: 3, room: '201', name: '钱长海' },
      requestedAt: REQUESTED_AT,
    },
  );
  addDemo(DEMO.partyMember, '党员（5号楼3单元）', {
    id: 'r-demo-party-member',
    name: '孙建华',
    birthYear: 1968,
    address: { buildingNo: 5, unitNo: 3, room: '502' },
    roles: [{ kind: 'party_member' }],
  });
  addDemo(DEMO.unitLeader, '单元长（5号楼2单元）', {
    id: 'r-demo-unit-leader',
    name: '周玉梅',
    birthYear: 1960,
    address: { buildingNo: 5, unitNo: 2, room: '101' },
    roles: [{ kind: 'party_member' }, { kind: 'unit_leader', buildingNo: 5, unitNo: 2 }],
  });
  addDemo(DEMO.secretary, '党支部书记（5号楼）', {
    id: 'r-demo-secretary',
    name: '吴国强',
    birthYear: 1958,
    address: { buildingNo: 5, unitNo: 1, room: '401' },
    roles: [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 5 }],
  });
  addDemo(DEMO.otherSecretary, '党支部书记（3号楼）', {
    id: 'r-demo-secretary-b3',
    name: '郑德福',
    birthYear: 1961,
    address: { buildingNo: 3, unitNo: 1, room: '302' },
    roles: [{ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: 3 }],
  });
  addDemo(DEMO.staff, '社区工作人员', {
    id: 'r-demo-staff',
    name: '何静怡',
    birthYear: 1990,
    roles: [{ kind: 'staff' }],
  });
  addDemo(DEMO.canteen, '食堂工作人员', {
    id: 'r-demo-canteen',
    name: '马春生',
    birthYear: 1979,
    roles: [{ kind: 'canteen_staff' }],
  });
  addDemo(DEMO.teamLeader, '志愿服务队队长', {
    id: 'r-demo-team-leader',
    name: '高立新',
    birthYear: 1975,
    address: { buildingNo: 7, unitNo: 2, room: '203' },
    roles: [
      { kind: 'team_leader', teamId: 'team01' },
      { kind: 'volunteer', teamId: 'team01' },
    ],
  });
  addDemo(DEMO.pending, '待审核居民（5号楼4单元）', {
    id: 'r-demo-pending',
    name: '冯雨桐',
    birthYear: 1996,
    address: { buildingNo: 5, unitNo: 4, room: '603' },
    status: 'pending',
  });
  // The service window's people (fixed phones, so later generated residents keep theirs).
  addDemo(DEMO.bank, '金融服务站工作人员（银行）', {
    id: 'r-demo-bank',
    name: '韩雅琴',
    phone: fictionalPhone(9101),
    birthYear: 1988,
    roles: [{ kind: 'bank_staff' }],
  });
  addDemo(DEMO.director, '社区主任', {
    id: 'r-demo-director',
    name: '梁淑珍',
    phone: fictionalPhone(9102),
    birthYear: 1971,
    roles: [{ kind: 'director' }],
  });
  teams[0]!.leaderId = 'r-demo-team-leader';

  const taken = new Set(residents.flatMap((r) => (r.householdId ? [r.householdId] : [])));
  // Generated residents: a secretary per building (5 and 3 are the demo users), a unit
  // leader per unit, and about two thirds of households with a registered member.
  for (const household of households) {
    const { buildingNo: b, unitNo: u, room } = household;
    if (taken.has(household._id)) continue;
    const roles: Role[] = [];
    const isSecretaryRoom = room === '402' && u === 1 && b !== 5 && b !== 3;
    const isLeaderRoom = room === '103' && !(b === 5 && u === 2);
    if (isSecretaryRoom) roles.push({ kind: 'party_member' }, { kind: 'branch_secretary', buildingNo: b });
    else if (isLeaderRoom) roles.push({ kind: 'party_member' }, { kind: 'unit_leader', buildingNo: b, unitNo: u });
    else if (random() < 0.08) roles.push({ kind: 'party_member' });
    const registered = roles.length > 0 || random() < 0.66;
    if (!registered) continue;
    const id = `r-${household._id.slice(1)}`;
    const birthYear = 1935 + Math.floor(random() * 70);
    const senior = birthYear <= 1956;
    const livesAlone = senior && random() < 0.3;
    const hasPhone = !senior || random() < 0.6;
    if (random() < 0.12 && roles.length === 0) {
      roles.push({ kind: 'volunteer', teamId: teams[Math.floor(random() * teams.length)]!._id });
    }
    residents.push(
      resident({
        id,
        name: fictionalName(random),
        ...(hasPhone ? { openid: `o-${household._id.slice(1)}` } : {}),
        phone: nextPhone(),
        birthYear,
        address: { buildingNo: b, unitNo: u, room },
        roles,
        ...(livesAlone ? { care: { livesAlone: true, deliveryEligible: true } } : {}),
      }),
    );
  }

  const activityDemo = buildActivityDemo(residents, teams, now);
  return {
    data: {
      buildings,
      households,
      residents,
      relative_links: links,
      volunteer_teams: teams,
      ...activityDemo,
      ...buildCouncilDemo(residents, now),
      ...buildReportDemo(residents, now),
      ...buildCanteenDemo(residents, now),
      ...buildNoticeDemo(residents, households, now),
      ...buildServiceDemo(residents, now),
      ...buildVolunteerDemo({ residents, teams, now, activityHours: activityDemo.volunteer_hours }),
      ...buildSafetyDemo(residents, now),
      ...buildCareDemo(residents, now),
    },
    demoUsers,
  };
}
