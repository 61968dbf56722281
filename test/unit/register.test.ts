/** Reading the community register: what it plans to create, and every bad row by sheet and line. */
import { floorOfRoom, planRegister } from '../../cloudfunctions/shared/domain/register';
import { SAMPLE, SAMPLE_HOUSEHOLDS, sampleRegister, sampleWithErrors } from '../../scripts/register/sample';

const YEAR = 2026;

it('plans the sample community: its buildings, every room, the people, the Party posts and the teams', () => {
  const plan = planRegister(sampleRegister(), YEAR);
  expect(plan.errors).toEqual([]);
  expect(plan.buildings).toEqual(
    Array.from({ length: SAMPLE.buildings }, (_, i) => ({ no: i + 1, units: SAMPLE.units, floors: SAMPLE.floors })),
  );
  expect(plan.households).toHaveLength(SAMPLE_HOUSEHOLDS);
  expect(plan.households[0]).toEqual({ buildingNo: 1, unitNo: 1, room: '101', floor: 1 });
  expect(plan.people.length).toBeGreaterThan(SAMPLE_HOUSEHOLDS);
  const secretaries = plan.people.filter((p) => p.roles.some((r) => r.kind === 'branch_secretary'));
  expect(secretaries).toHaveLength(SAMPLE.buildings);
  expect(secretaries.every((p) => p.roles.some((r) => r.kind === 'party_member'))).toBe(true);
  const unitLeaders = plan.people.flatMap((p) => p.roles.filter((r) => r.kind === 'unit_leader'));
  expect(unitLeaders).toHaveLength(SAMPLE.buildings * SAMPLE.units);
  expect(plan.teams.map((t) => t.name)).toEqual(['环境美化志愿服务队', '助老上门志愿服务队', '文体活动志愿服务队']);
  expect(plan.teams[2]!.leader).toBeUndefined();
});

it('names every bad row by sheet and line, and nothing else', () => {
  const { sheets, badLines } = sampleWithErrors();
  const plan = planRegister(sheets, YEAR);
  const reported: Record<string, number[]> = {};
  for (const error of plan.errors) (reported[error.sheet] ??= []).push(error.line);
  expect(reported).toEqual(badLines);
  expect(plan.errors.find((e) => e.sheet === '房屋' && e.line === badLines['房屋']![1])!.message).toMatch(/手机号/);
  expect(plan.errors.find((e) => e.sheet === '党组织')!.message).toMatch(/没有孙立新/);
  expect(plan.errors.find((e) => e.sheet === '志愿服务队')!.message).toMatch(/重复/);
});

it('refuses a workbook without the 房屋 sheet or its columns', () => {
  expect(planRegister([{ name: '住户', rows: [['楼栋']] }], YEAR).errors).toEqual([
    { sheet: '房屋', line: 1, message: '缺少“房屋”工作表' },
  ]);
  expect(planRegister([{ name: '房屋', rows: [['楼栋', '房号']] }], YEAR).errors).toEqual([
    { sheet: '房屋', line: 1, message: '表头缺少“单元”列' },
  ]);
});

it('reads the floor from the room number when no floor is given', () => {
  expect(floorOfRoom('301')).toBe(3);
  expect(floorOfRoom('1205')).toBe(12);
  expect(floorOfRoom('B-12')).toBeNull();
});

it('takes normalised phones and names, and refuses a post given to two people', () => {
  const plan = planRegister(
    [
      {
        name: '房屋',
        rows: [
          ['楼栋', '单元', '房号', '姓名', '手机号'],
          ['1', '1', '101', '王 秀英', '+86 176 0000 1234'],
          ['1', '1', '102', '李建华', '17600001235'],
        ],
      },
      {
        name: '党组织',
        rows: [
          ['组织', '楼栋', '单元', '姓名', '手机号'],
          ['楼栋党支部', '1', '', '王秀英', '17600001234'],
          ['楼栋党支部', '1', '', '李建华', '17600001235'],
        ],
      },
    ],
    YEAR,
  );
  expect(plan.people[0]).toMatchObject({ name: '王秀英', phone: '17600001234' });
  expect(plan.errors).toEqual([{ sheet: '党组织', line: 3, message: '楼栋党支部已由王秀英担任' }]);
});
