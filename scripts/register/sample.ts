/**
 * A fictional community register in the format communities keep (see
 * cloudfunctions/shared/domain/register.ts): 4 buildings of 2 units, 6 floors, 2 rooms a
 * floor, most rooms with their residents, the Party posts and three volunteer teams.
 * `npm run register:sample -- out.xlsx [--with-errors]` writes it (the second adds bad rows
 * a dry run must report by line). Names and phones are fictional (local/seed/names.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fictionalName, fictionalPhone, seededRandom } from '../../local/seed/names';
import { spreadsheet } from '../../cloudfunctions/shared/spreadsheet';
import type { RegisterSheet } from '../../cloudfunctions/shared/domain/register';

export const SAMPLE = { buildings: 4, units: 2, floors: 6, roomsPerFloor: 2 } as const;
export const SAMPLE_HOUSEHOLDS = SAMPLE.buildings * SAMPLE.units * SAMPLE.floors * SAMPLE.roomsPerFloor;

interface Person {
  building: number;
  unit: number;
  room: string;
  name: string;
  phone: string;
}

/** The sample's sheets (rows of cell text, header first). */
export function sampleRegister(): RegisterSheet[] {
  const random = seededRandom(20270101);
  let phone = 5000;
  const rooms: string[][] = [['楼栋', '单元', '房号', '姓名', '手机号', '出生年份']];
  const people: Person[] = [];
  for (let b = 1; b <= SAMPLE.buildings; b++) {
    for (let u = 1; u <= SAMPLE.units; u++) {
      for (let f = 1; f <= SAMPLE.floors; f++) {
        for (let r = 1; r <= SAMPLE.roomsPerFloor; r++) {
          const room = `${f}0${r}`;
          // About one room in six is empty or its people are not known yet.
          const count = random() < 0.17 ? 0 : 1 + Math.floor(random() * 3);
          if (!count) rooms.push([String(b), String(u), room, '', '', '']);
          const names = new Set<string>();
          for (let p = 0; p < count; p++) {
            let name = fictionalName(random);
            while (names.has(name)) name = fictionalName(random);
            names.add(name);
            const person = { building: b, unit: u, room, name, phone: fictionalPhone(phone++) };
            people.push(person);
            rooms.push([String(b), String(u), room, name, person.phone, String(1940 + Math.floor(random() * 65))]);
          }
        }
      }
    }
  }
  const party: string[][] = [['组织', '楼栋', '单元', '姓名', '手机号']];
  for (let b = 1; b <= SAMPLE.buildings; b++) {
    const inBuilding = people.filter((person) => person.building === b);
    const secretary = inBuilding[0]!;
    party.push(['楼栋党支部', String(b), '', secretary.name, secretary.phone]);
    for (let u = 1; u <= SAMPLE.units; u++) {
      const leader = inBuilding.filter((person) => person.unit === u && person !== secretary)[0]!;
      party.push(['单元党小组', String(b), String(u), leader.name, leader.phone]);
    }
    const member = inBuilding[inBuilding.length - 1]!;
    party.push(['党员', String(b), '', member.name, member.phone]);
  }
  const leaders = [people[5]!, people[20]!];
  const teams = [
    ['队名', '队长', '手机号'],
    ['环境美化志愿服务队', leaders[0]!.name, leaders[0]!.phone],
    ['助老上门志愿服务队', leaders[1]!.name, leaders[1]!.phone],
    ['文体活动志愿服务队', '', ''],
  ];
  return [
    { name: '房屋', rows: rooms },
    { name: '党组织', rows: party },
    { name: '志愿服务队', rows: teams },
  ];
}

/** The sample with bad rows, and the lines a dry run must report (sheet → line numbers). */
export function sampleWithErrors(): { sheets: RegisterSheet[]; badLines: Record<string, number[]> } {
  const sheets = sampleRegister().map((sheet) => ({ ...sheet, rows: sheet.rows.map((row) => [...row]) }));
  const rooms = sheets[0]!.rows;
  const party = sheets[1]!.rows;
  const teams = sheets[2]!.rows;
  rooms.push(['五', '1', '101', '', '', '']); // building not a number
  rooms.push(['1', '1', '101', '刘晓', '1380013', '']); // phone not a mobile number
  rooms.push(['2', '', '301', '', '', '']); // no unit
  rooms.push(['3', '1', '楼顶', '', '', '']); // room not a room number
  party.push(['楼栋党支部', '9', '', '孙立新', '17600009999']); // nobody of that name in 房屋
  teams.push(['', '', '']); // blank: ignored
  teams.push(['环境美化志愿服务队', '', '']); // a team named twice
  return {
    sheets,
    badLines: {
      房屋: [rooms.length - 3, rooms.length - 2, rooms.length - 1, rooms.length].map((n) => n),
      党组织: [party.length],
      志愿服务队: [teams.length],
    },
  };
}

export function registerWorkbook(sheets: readonly RegisterSheet[]): Promise<Buffer> {
  return spreadsheet(sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows, widths: [10, 8, 8, 12, 16, 10] })));
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const out = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'sample-register.xlsx');
  const sheets = process.argv.includes('--with-errors') ? sampleWithErrors().sheets : sampleRegister();
  registerWorkbook(sheets)
    .then((file) => {
      writeFileSync(out, file);
      console.log(`wrote ${out}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
