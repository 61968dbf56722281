/**
 * The micro fire station (微型消防站) of every unit and the water-based extinguisher each
 * unit leader keeps at home: the inventory with expiry dates (staff and the unit's leader
 * keep it; a version guards two editors), and the monthly inspection by the unit leader —
 * a checklist with photos that completes the month's inspection task.
 */
import type { EquipmentItem, StationView } from '../../typings/domain/safety';
import { collection } from '../shared/cloud';
import type { ResidentDoc } from '../shared/docs';
import { AppError } from '../shared/errors';
import { insertOrFind } from '../shared/unique';
import { acceptUploads, checkOwnedPaths, temporaryUrls } from '../shared/storage';
import type { InspectionDoc, StationDoc } from './docs';
import { closeInspectionTask } from './tasks';
import {
  careAreas,
  coversUnit,
  expiryState,
  INSPECTION_CHECKLIST,
  monthOf,
  stationId as stationIdOf,
  timeLabel,
} from './rules';

async function loadStation(id: string): Promise<StationDoc> {
  const { data } = await collection('safety_stations').doc(id).get();
  const station = data[0] as StationDoc | undefined;
  if (!station) throw new AppError('NOT_FOUND', '这个单元还没有登记微型消防站');
  return station;
}

function assertCares(resident: ResidentDoc, station: Pick<StationDoc, 'buildingNo' | 'unitNo'>, what: string): void {
  if (!coversUnit(careAreas(resident.roles), station)) throw new AppError('FORBIDDEN', what);
}

async function stationView(station: StationDoc, now: Date): Promise<StationView> {
  const month = monthOf(now);
  const { data } = await collection('safety_inspections').doc(`${station._id}|${month}`).get();
  const inspection = data[0] as InspectionDoc | undefined;
  const urls = inspection ? await temporaryUrls(inspection.photos) : new Map<string, string>();
  return {
    id: station._id,
    buildingNo: station.buildingNo,
    unitNo: station.unitNo,
    label: `${station.buildingNo}号楼${station.unitNo}单元微型消防站`,
    items: station.items.map((item) => {
      const state = expiryState(item.expiresOn, now);
      return {
        ...item,
        ...state,
        ...(item.expiresOn
          ? { expiryLabel: `${state.expired ? '已过期' : state.expiring ? '即将到期' : '有效期至'} ${item.expiresOn}` }
          : {}),
      };
    }),
    ...(inspection
      ? {
          inspection: {
            month,
            byName: inspection.byName,
            atLabel: timeLabel(inspection.at, now),
            passed: inspection.passed,
            photos: inspection.photos.flatMap((fileID) => (urls.has(fileID) ? [urls.get(fileID)!] : [])),
          },
        }
      : {}),
    month,
    checklist: INSPECTION_CHECKLIST.map(({ key, label }) => ({ key, label })),
    version: station.version,
  };
}

export async function station(resident: ResidentDoc, buildingNo: number, unitNo: number, now: Date) {
  assertCares(resident, { buildingNo, unitNo }, '微型消防站由本单元单元长、楼栋党支部书记和社区工作人员查看');
  return stationView(await loadStation(stationIdOf(buildingNo, unitNo)), now);
}

export async function saveStation(
  resident: ResidentDoc,
  id: string,
  items: EquipmentItem[],
  version: number,
  now: Date,
): Promise<StationView> {
  const current = await loadStation(id);
  assertCares(resident, current, '只有本单元单元长和社区工作人员可以修改器材');
  if (new Set(items.map((item) => item.id)).size !== items.length) throw new AppError('INVALID_INPUT', '器材编号重复');
  const { updated } = await collection('safety_stations')
    .where({ _id: id, version })
    .update({ items, version: version + 1, updatedAt: now });
  if (updated !== 1) throw new AppError('CONFLICT', '器材清单刚被别人修改，请刷新后再改');
  return stationView({ ...current, items, version: version + 1, updatedAt: now }, now);
}

/** The unit leader's monthly inspection (one per station and month; a second one replaces nothing). */
export async function inspect(
  resident: ResidentDoc,
  openid: string,
  id: string,
  answers: Array<{ key: string; ok: boolean; note?: string }>,
  photos: string[],
  now: Date,
): Promise<StationView> {
  checkOwnedPaths('safety', openid, photos);
  const current = await loadStation(id);
  const leads = resident.roles.some(
    (role) => role.kind === 'unit_leader' && role.buildingNo === current.buildingNo && role.unitNo === current.unitNo,
  );
  if (!leads && !resident.roles.some((role) => role.kind === 'staff')) {
    throw new AppError('FORBIDDEN', '月度检查由本单元单元长（或社区工作人员）填写');
  }
  const keys = INSPECTION_CHECKLIST.map((item) => item.key) as string[];
  if (answers.length !== keys.length || answers.some((answer, index) => answer.key !== keys[index])) {
    throw new AppError('INVALID_INPUT', '请逐项填写检查表');
  }
  const failed = answers.filter((answer) => !answer.ok);
  if (failed.some((answer) => !answer.note)) throw new AppError('INVALID_INPUT', '有问题的项目请写明情况');
  if (!photos.length) throw new AppError('INVALID_INPUT', '请至少拍一张微型消防站的照片');
  await acceptUploads('safety', openid, photos);
  const month = monthOf(now);
  const doc: InspectionDoc = {
    _id: `${id}|${month}`,
    stationId: id,
    month,
    items: answers,
    photos,
    passed: failed.length === 0,
    byId: resident._id,
    byName: resident.name,
    at: now,
  };
  // The inspection, then the month's task it closes: a retry (or the daily timer) closes a
  // task a dead invocation left open, from the inspection stored.
  const stored = await insertOrFind('safety_inspections', doc);
  await closeInspectionTask(stored.created ? doc : stored.existing);
  if (!stored.created) throw new AppError('CONFLICT', '本月已经检查过了');
  return stationView(current, now);
}
