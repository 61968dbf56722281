/**
 * The community register as communities keep it, in one workbook: the rooms of every
 * building and unit with the people who live there (optional), the Party organisation,
 * and the volunteer teams. Read into a plan of what to create, with every bad row named
 * by sheet and line; nothing is written from a register that has a bad row.
 *
 * Sheets (the header row names the columns; their order is free):
 * - 房屋 (required): 楼栋 | 单元 | 房号 | 楼层 (optional: from the room number) |
 *   姓名 | 手机号 | 出生年份 (optional). One row per person; a room without people is a row
 *   without a name.
 * - 党组织 (optional): 组织 (楼栋党支部 / 单元党小组 / 党员) | 楼栋 | 单元 | 姓名 | 手机号:
 *   who holds each post, matched by name and phone to a person of 房屋.
 * - 志愿服务队 (optional): 队名 | 队长 | 手机号 (the leader, also matched in 房屋).
 */
import type { HouseholdAddress, Role } from '../../../typings/domain/community';
import { normalizeMobile } from './phone';
import { NAME_MAX, NAME_PATTERN, normalizeName } from './residents';

export interface RegisterSheet {
  name: string;
  /** Cell text, header row first. */
  rows: string[][];
}

export interface RegisterError {
  sheet: string;
  /** 1-based, as Excel numbers rows (the header is line 1). */
  line: number;
  message: string;
}

export interface PlannedPerson {
  /** The row it came from, for messages. */
  line: number;
  name: string;
  phone?: string;
  birthYear?: number;
  address: HouseholdAddress;
  roles: Role[];
}

export interface RegisterPlan {
  buildings: { no: number; units: number; floors: number }[];
  households: (HouseholdAddress & { floor: number })[];
  people: PlannedPerson[];
  teams: { name: string; leader?: { name: string; phone: string } }[];
  errors: RegisterError[];
}

export const SHEETS = { rooms: '房屋', party: '党组织', teams: '志愿服务队' } as const;

const ROOM_PATTERN = /^[0-9A-Za-z-]{1,10}$/;
const MAX_BUILDING = 999;
const MAX_UNIT = 99;

interface Columns {
  [key: string]: number | undefined;
}

/** Column positions by header text (trimmed; "手机号"/"手机"/"电话" all mean the phone). */
function columnsOf(header: readonly string[]): Columns {
  const aliases: Record<string, string> = {
    楼栋: 'building',
    楼号: 'building',
    单元: 'unit',
    房号: 'room',
    房间号: 'room',
    楼层: 'floor',
    姓名: 'name',
    居民姓名: 'name',
    手机号: 'phone',
    手机: 'phone',
    联系电话: 'phone',
    电话: 'phone',
    出生年份: 'birthYear',
    组织: 'post',
    职务: 'post',
    队名: 'team',
    队长: 'leader',
  };
  const columns: Columns = {};
  header.forEach((text, index) => {
    const key = aliases[text.trim()];
    if (key && columns[key] === undefined) columns[key] = index;
  });
  return columns;
}

function cell(row: readonly string[], column: number | undefined): string {
  return column === undefined ? '' : (row[column] ?? '').trim();
}

function wholeNumber(text: string, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= max ? value : null;
}

/** The floor a room number says ("301" → 3, "1205" → 12); null when it says none. */
export function floorOfRoom(room: string): number | null {
  const digits = /^(\d{3,4})$/.exec(room)?.[1];
  if (!digits) return null;
  const floor = Math.floor(Number(digits) / 100);
  return floor >= 1 ? floor : null;
}

const personKey = (name: string, phone: string) => `${name}|${phone}`;

function blank(row: readonly string[]): boolean {
  return row.every((value) => !value.trim());
}

export function planRegister(sheets: readonly RegisterSheet[], thisYear: number): RegisterPlan {
  const errors: RegisterError[] = [];
  const fail = (sheet: string, line: number, message: string) => errors.push({ sheet, line, message });
  const byName = new Map(sheets.map((sheet) => [sheet.name.trim(), sheet]));

  const rooms = byName.get(SHEETS.rooms);
  if (!rooms) {
    fail(SHEETS.rooms, 1, '缺少“房屋”工作表');
    return { buildings: [], households: [], people: [], teams: [], errors };
  }
  const roomColumns = columnsOf(rooms.rows[0] ?? []);
  for (const required of ['building', 'unit', 'room'] as const) {
    if (roomColumns[required] === undefined) {
      fail(SHEETS.rooms, 1, `表头缺少“${{ building: '楼栋', unit: '单元', room: '房号' }[required]}”列`);
    }
  }
  if (errors.length) return { buildings: [], households: [], people: [], teams: [], errors };

  const households = new Map<string, HouseholdAddress & { floor: number }>();
  const people = new Map<string, PlannedPerson>();
  const seenInRoom = new Set<string>();
  rooms.rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (blank(row)) return;
    const problems: string[] = [];
    const buildingNo = wholeNumber(cell(row, roomColumns.building), MAX_BUILDING);
    if (buildingNo === null) problems.push('楼栋应为1至999的整数');
    const unitNo = wholeNumber(cell(row, roomColumns.unit), MAX_UNIT);
    if (unitNo === null) problems.push('单元应为1至99的整数');
    const room = cell(row, roomColumns.room);
    if (!ROOM_PATTERN.test(room)) problems.push('房号应为1至10位的数字或字母');
    const floorText = cell(row, roomColumns.floor);
    const floor = floorText ? wholeNumber(floorText, 200) : floorOfRoom(room);
    if (floor === null) problems.push(floorText ? '楼层应为整数' : '无法从房号看出楼层，请填写“楼层”');
    const name = normalizeName(cell(row, roomColumns.name));
    const phoneText = cell(row, roomColumns.phone);
    const phone = phoneText ? normalizeMobile(phoneText) : null;
    const birthText = cell(row, roomColumns.birthYear);
    const birthYear = birthText ? wholeNumber(birthText, thisYear) : null;
    if (name && (name.length > NAME_MAX || !NAME_PATTERN.test(name))) problems.push('姓名格式不对');
    if (!name && (phoneText || birthText)) problems.push('填写了手机号或出生年份，但没有姓名');
    if (phoneText && !phone) problems.push('手机号应为11位手机号码');
    if (birthText && (birthYear === null || birthYear < thisYear - 120)) problems.push('出生年份不对');
    if (problems.length) {
      fail(SHEETS.rooms, line, problems.join('；'));
      return;
    }
    const address = { buildingNo: buildingNo!, unitNo: unitNo!, room };
    const roomKey = `${buildingNo}-${unitNo}-${room}`;
    const known = households.get(roomKey);
    if (known && known.floor !== floor) {
      fail(SHEETS.rooms, line, `同一房间的楼层前后不一致（${known.floor}层）`);
      return;
    }
    households.set(roomKey, { ...address, floor: floor! });
    if (!name) return;
    if (seenInRoom.has(`${roomKey}|${name}`)) {
      fail(SHEETS.rooms, line, `${name}在这户已经登记过一次`);
      return;
    }
    seenInRoom.add(`${roomKey}|${name}`);
    if (phone && people.has(personKey(name, phone))) {
      fail(SHEETS.rooms, line, `${name}（${phone}）已在另一户登记`);
      return;
    }
    const person: PlannedPerson = {
      line,
      name,
      ...(phone ? { phone } : {}),
      ...(birthYear ? { birthYear } : {}),
      address,
      roles: [],
    };
    people.set(phone ? personKey(name, phone) : `${roomKey}|${name}`, person);
  });

  const buildings = new Map<number, { no: number; units: number; floors: number }>();
  for (const household of households.values()) {
    const building = buildings.get(household.buildingNo) ?? { no: household.buildingNo, units: 0, floors: 0 };
    building.units = Math.max(building.units, household.unitNo);
    building.floors = Math.max(building.floors, household.floor);
    buildings.set(household.buildingNo, building);
  }
  const hasUnit = (buildingNo: number, unitNo: number) =>
    [...households.values()].some((h) => h.buildingNo === buildingNo && h.unitNo === unitNo);

  /** The person of 房屋 a post names (by name and phone), or a message why not. */
  const findPerson = (nameText: string, phoneText: string): PlannedPerson | string => {
    const name = normalizeName(nameText);
    const phone = normalizeMobile(phoneText);
    if (!name || !phone) return '请填写姓名和11位手机号';
    return people.get(personKey(name, phone)) ?? `“房屋”中没有${name}（${phone}）`;
  };

  const party = byName.get(SHEETS.party);
  if (party) {
    const columns = columnsOf(party.rows[0] ?? []);
    if (columns.post === undefined || columns.name === undefined || columns.phone === undefined) {
      fail(SHEETS.party, 1, '表头应有“组织”“姓名”“手机号”列');
    } else {
      party.rows.slice(1).forEach((row, index) => {
        const line = index + 2;
        if (blank(row)) return;
        const post = cell(row, columns.post);
        const buildingNo = wholeNumber(cell(row, columns.building), MAX_BUILDING);
        const unitNo = wholeNumber(cell(row, columns.unit), MAX_UNIT);
        const person = findPerson(cell(row, columns.name), cell(row, columns.phone));
        if (typeof person === 'string') return fail(SHEETS.party, line, person);
        let role: Role;
        if (post === '楼栋党支部' || post === '楼栋党支部书记') {
          if (buildingNo === null || !buildings.has(buildingNo)) return fail(SHEETS.party, line, '楼栋不在“房屋”中');
          role = { kind: 'branch_secretary', buildingNo };
        } else if (post === '单元党小组' || post === '单元党小组长') {
          if (buildingNo === null || unitNo === null || !hasUnit(buildingNo, unitNo))
            return fail(SHEETS.party, line, '楼栋和单元不在“房屋”中');
          role = { kind: 'unit_leader', buildingNo, unitNo };
        } else if (post === '党员') {
          role = { kind: 'party_member' };
        } else {
          return fail(SHEETS.party, line, '组织应为“楼栋党支部”“单元党小组”或“党员”');
        }
        const holder = [...people.values()].find(
          (other) =>
            other !== person &&
            other.roles.some((held) => JSON.stringify(held) === JSON.stringify(role) && role.kind !== 'party_member'),
        );
        if (holder) return fail(SHEETS.party, line, `${post}已由${holder.name}担任`);
        if (!person.roles.some((held) => JSON.stringify(held) === JSON.stringify(role))) person.roles.push(role);
        if (role.kind !== 'party_member' && !person.roles.some((held) => held.kind === 'party_member'))
          person.roles.push({ kind: 'party_member' });
      });
    }
  }

  const teams: RegisterPlan['teams'] = [];
  const teamSheet = byName.get(SHEETS.teams);
  if (teamSheet) {
    const columns = columnsOf(teamSheet.rows[0] ?? []);
    if (columns.team === undefined) {
      fail(SHEETS.teams, 1, '表头缺少“队名”列');
    } else {
      teamSheet.rows.slice(1).forEach((row, index) => {
        const line = index + 2;
        if (blank(row)) return;
        const name = cell(row, columns.team);
        if (!name || Array.from(name).length > 30) return fail(SHEETS.teams, line, '队名应为1至30个字');
        if (teams.some((team) => team.name === name)) return fail(SHEETS.teams, line, `“${name}”重复`);
        const leaderName = cell(row, columns.leader);
        const phone = cell(row, columns.phone);
        if (!leaderName && !phone) return void teams.push({ name });
        const leader = findPerson(leaderName, phone);
        if (typeof leader === 'string') return fail(SHEETS.teams, line, leader);
        teams.push({ name, leader: { name: leader.name, phone: leader.phone! } });
      });
    }
  }

  if (!households.size && !errors.length) fail(SHEETS.rooms, 2, '“房屋”中没有任何房间');
  const sortAddress = (a: HouseholdAddress, b: HouseholdAddress) =>
    a.buildingNo - b.buildingNo || a.unitNo - b.unitNo || a.room.localeCompare(b.room, 'en', { numeric: true });
  return {
    buildings: [...buildings.values()].sort((a, b) => a.no - b.no),
    households: [...households.values()].sort(sortAddress),
    people: [...people.values()].sort((a, b) => sortAddress(a.address, b.address) || a.line - b.line),
    teams,
    errors: errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.line - b.line),
  };
}
