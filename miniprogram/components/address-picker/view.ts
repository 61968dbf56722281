/** The choices of the address picker as large buttons, the chosen one marked in words too. */
import type { BuildingOption, RoomOption } from '../../../typings/functions/user';

export interface Choice {
  key: string;
  text: string;
  selected: boolean;
  /** Read by screen readers: "5号楼，已选择". */
  label: string;
}

export interface FloorRow {
  floor: number;
  title: string;
  rooms: Choice[];
}

function choice(key: string, text: string, selected: boolean): Choice {
  return { key, text, selected, label: selected ? `${text}，已选择` : text };
}

export function buildingChoices(buildings: readonly BuildingOption[], selected: number | null): Choice[] {
  return buildings.map((b) => choice(String(b.no), b.name, b.no === selected));
}

export function unitChoices(units: number, selected: number | null): Choice[] {
  return Array.from({ length: units }, (_, index) =>
    choice(String(index + 1), `${index + 1}单元`, index + 1 === selected),
  );
}

/** Rooms grouped by floor, lowest first, as they are on the stairwell. */
export function floorRows(rooms: readonly RoomOption[], selected: string | null): FloorRow[] {
  const floors = new Map<number, Choice[]>();
  for (const room of rooms) {
    const row = floors.get(room.floor) ?? [];
    row.push(choice(room.room, room.room, room.room === selected));
    floors.set(room.floor, row);
  }
  return [...floors.entries()]
    .sort(([a], [b]) => a - b)
    .map(([floor, choices]) => ({ floor, title: `${floor}楼`, rooms: choices }));
}
