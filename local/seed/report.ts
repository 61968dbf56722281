/**
 * Demo issue reports (报事) of the fictional community, one or more at every step of the
 * loop: new ones waiting in building 5's inbox (one urgent), one being handled, one
 * resolved and waiting for the demo resident to confirm, confirmed and rated ones (for
 * the figures), a household matter, a community-wide one with staff, a rejected one and a
 * duplicate, all from the last two weeks before the seed day. Deterministic for a seed day:
 * fixed ids, dates relative to the seed day; no photos (storage starts empty).
 */
import type { ReportAssignment, ReportCategory, ReportPlace, ReportStatus } from '../../typings/domain/report';
import type { ResidentDoc } from '../../cloudfunctions/shared/docs';
import type { MetooDoc, ReportDoc, TimelineDoc } from '../../cloudfunctions/report/docs';
import {
  assignmentLabel,
  autoCloseAt,
  DEFAULT_CATEGORIES,
  DEFAULT_SPOTS,
  handlerKeys,
  resolvePlace,
  routeReport,
} from '../../cloudfunctions/shared/domain/report';
import { demoCalendar } from './calendar';

/** Ids of the demo reports, for tests, the bench and the preview. */
export const DEMO_REPORTS = {
  /** 5-2 楼道灯, submitted: waits in the building 5 secretary's and the 5-2 unit leader's inbox. */
  stairLight: 'RP261124-L5QK',
  /** 5 hazard, urgent, submitted: staff were alerted too. */
  blockedExit: 'RP261125-X7MA',
  /** 5-2 door, accepted by the secretary, in progress. */
  entryDoor: 'RP261121-D3RN',
  /** 5-2 water, resolved: the demo resident is asked to confirm. */
  leak: 'RP261123-W8PT',
  /** 5 sanitation, confirmed with 5 stars (figures). */
  rubbish: 'RP261112-R4ZB',
  /** 5-1 household matter of the demo senior, accepted. */
  noise: 'RP261122-N6HV',
  /** East gate, community-wide: with staff. */
  eastGate: 'RP261125-E2GC',
  /** 3 facility, rejected. */
  parkingSign: 'RP261118-P9SJ',
  /** 5-2 lamp again: a duplicate of stairLight. */
  stairLightAgain: 'RP261124-L6DM',
  /** 7 facility, confirmed with 3 stars. */
  fitness: 'RP261110-F5TY',
} as const;

function at(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

const BUILDINGS = Array.from({ length: 12 }, (_, i) => ({ no: i + 1, units: 4, floors: 7 }));
const category = (id: string): ReportCategory => DEFAULT_CATEGORIES.find((c) => c.id === id)!;

interface Step {
  kind: TimelineDoc['kind'];
  at: string;
  by: ResidentDoc | 'system';
  role?: string;
  text?: string;
  internal?: boolean;
}

interface Spec {
  id: string;
  reporter: ResidentDoc;
  categoryId: string;
  body: string;
  place?: ReportPlace;
  household?: boolean;
  urgent?: boolean;
  status: ReportStatus;
  createdAt: string;
  steps?: Step[];
  assignee?: { who: ResidentDoc; role: string };
  metoo?: number;
  rating?: { stars: number; comment?: string };
  decline?: ReportDoc['decline'];
  resolution?: string;
}

function entry(id: string, index: number, step: Step, reporterId: string): TimelineDoc {
  const isSystem = step.by === 'system';
  const person = isSystem ? undefined : (step.by as ResidentDoc);
  return {
    id: `${id}-${index}`,
    kind: step.kind,
    at: at(step.at),
    by: isSystem ? 'system' : person!._id === reporterId ? 'owner' : 'handler',
    ...(person ? { actorId: person._id, actorName: person.name } : {}),
    ...(step.role ? { actorRole: step.role } : {}),
    ...(step.text ? { text: step.text } : {}),
    internal: Boolean(step.internal),
  };
}

function report(spec: Spec): ReportDoc {
  const reporter = spec.reporter;
  const home = reporter.binding.address!;
  const household = Boolean(spec.household);
  const placeInput: ReportPlace = household
    ? { kind: 'building', buildingNo: home.buildingNo, unitNo: home.unitNo, floor: Number(home.room.slice(0, -2)) }
    : spec.place!;
  const outcome = resolvePlace(placeInput, BUILDINGS, DEFAULT_SPOTS);
  if ('problem' in outcome) throw new Error(`demo report ${spec.id}: ${outcome.problem}`);
  const place = outcome.place;
  const cat = category(spec.categoryId);
  const assignment: ReportAssignment = routeReport(cat.route, place);
  const timeline = [
    entry(spec.id, 0, { kind: 'submitted', at: spec.createdAt, by: reporter }, reporter._id),
    ...(spec.steps ?? []).map((step, i) => entry(spec.id, i + 1, step, reporter._id)),
  ];
  const stepAt = (kind: TimelineDoc['kind']) => timeline.find((e) => e.kind === kind)?.at;
  const lastAt = timeline.at(-1)!.at;
  const resolvedAt = stepAt('resolved');
  return {
    _id: spec.id,
    authorId: reporter._id,
    reporterId: reporter._id,
    ownerIds: [reporter._id],
    reporter: { name: reporter.name, ...(reporter.phone ? { phone: reporter.phone } : {}), address: home },
    categoryId: cat.id,
    categoryLabel: cat.label,
    body: spec.body,
    images: [],
    place: placeInput,
    placeLabel: place.label,
    ...(place.buildingNo !== undefined ? { buildingNo: place.buildingNo } : {}),
    ...(place.unitNo ? { unitNo: place.unitNo } : {}),
    ...(place.floor ? { floor: place.floor } : {}),
    ...(place.spotId ? { spotId: place.spotId } : {}),
    scope: place.scope,
    areaKey: place.areaKey,
    urgent: Boolean(spec.urgent),
    household,
    status: spec.status,
    assignment,
    assignmentLabel: assignmentLabel(assignment, new Map()),
    ...(spec.assignee
      ? { assigneeId: spec.assignee.who._id, assigneeRole: spec.assignee.role, assigneeName: spec.assignee.who.name }
      : {}),
    handlerKeys: handlerKeys(assignment, place, spec.assignee?.who._id),
    timeline,
    moderation: { state: 'pass', flags: 0 },
    metoo: spec.metoo ?? 0,
    reopenCount: 0,
    ...(spec.resolution && resolvedAt
      ? { resolution: { note: spec.resolution, at: resolvedAt, byId: spec.assignee!.who._id, imageIdx: [] } }
      : {}),
    ...(spec.decline ? { decline: spec.decline } : {}),
    ...(spec.rating ? { rating: { ...spec.rating, commentState: 'pass' as const, at: lastAt } } : {}),
    createdAt: at(spec.createdAt),
    updatedAt: lastAt,
    ...(stepAt('accepted') ? { firstAcceptedAt: stepAt('accepted') } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(spec.status === 'resolved' && resolvedAt ? { autoCloseAt: autoCloseAt(resolvedAt) } : {}),
    ...(['confirmed', 'closed', 'rejected', 'duplicate'].includes(spec.status) ? { closedAt: lastAt } : {}),
    version: 1 + (spec.steps?.filter((s) => s.kind !== 'note').length ?? 0),
  };
}

export function buildReportDemo(
  residents: readonly ResidentDoc[],
  now: Date,
): {
  reports: ReportDoc[];
  report_metoos: MetooDoc[];
} {
  const cal = demoCalendar(now);
  const byId = new Map(residents.map((r) => [r._id, r]));
  const person = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`demo report: no resident ${id}`);
    return found;
  };
  const resident = person('r-demo-resident');
  const senior = person('r-demo-senior');
  const partyMember = person('r-demo-party-member');
  const secretary = person('r-demo-secretary');
  const secretary3 = person('r-demo-secretary-b3');
  const staff = person('r-demo-staff');
  const SEC5 = '5号楼党支部书记';
  // Neighbours of building 5 who said 我也遇到了 (generated residents, in order).
  const neighbours = residents.filter(
    (r) => r.binding.status === 'verified' && r.binding.address?.buildingNo === 5 && !r._id.startsWith('r-demo'),
  );
  const building7 = residents.find((r) => r.binding.status === 'verified' && r.binding.address?.buildingNo === 7)!;

  const reports: ReportDoc[] = [
    report({
      id: DEMO_REPORTS.stairLight,
      reporter: partyMember,
      categoryId: 'facility',
      body: '5号楼2单元4楼楼道灯不亮好几天了，晚上上下楼看不见台阶，老人走路很危险。',
      place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 4 },
      status: 'submitted',
      createdAt: cal.wall(-2, '19:20'),
      metoo: 3,
    }),
    report({
      id: DEMO_REPORTS.blockedExit,
      reporter: resident,
      categoryId: 'hazard',
      body: '5号楼2单元一楼消防通道被电动车和纸箱堵住了，万一着火人出不去。',
      place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 1 },
      urgent: true,
      status: 'submitted',
      createdAt: cal.wall(-1, '08:05'),
    }),
    report({
      id: DEMO_REPORTS.entryDoor,
      reporter: resident,
      categoryId: 'facility',
      body: '2单元楼门的闭门器坏了，门关不上，冬天楼道很冷。',
      place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 1 },
      status: 'in_progress',
      createdAt: cal.wall(-5, '09:10'),
      assignee: { who: secretary, role: SEC5 },
      steps: [
        { kind: 'accepted', at: cal.wall(-5, '10:02'), by: secretary, role: SEC5 },
        { kind: 'started', at: cal.wall(-4, '09:00'), by: secretary, role: SEC5, text: '已联系物业维修，零件周四到货' },
        { kind: 'note', at: cal.wall(-4, '09:05'), by: secretary, role: SEC5, text: '物业王师傅负责', internal: true },
      ],
    }),
    report({
      id: DEMO_REPORTS.leak,
      reporter: resident,
      categoryId: 'facility',
      body: '2单元3楼楼道暖气管接头漏水，地上一滩水容易滑倒。',
      place: { kind: 'building', buildingNo: 5, unitNo: 2, floor: 3 },
      status: 'resolved',
      createdAt: cal.wall(-3, '07:40'),
      assignee: { who: secretary, role: SEC5 },
      resolution: '已请供热公司更换接头，地面已清理。',
      steps: [
        { kind: 'accepted', at: cal.wall(-3, '08:15'), by: secretary, role: SEC5 },
        {
          kind: 'resolved',
          at: cal.wall(-2, '16:30'),
          by: secretary,
          role: SEC5,
          text: '已请供热公司更换接头，地面已清理。',
        },
      ],
    }),
    report({
      id: DEMO_REPORTS.rubbish,
      reporter: partyMember,
      categoryId: 'sanitation',
      body: '3单元门口堆了装修垃圾，一周没人清。',
      place: { kind: 'building', buildingNo: 5, unitNo: 3 },
      status: 'confirmed',
      createdAt: cal.wall(-14, '18:00'),
      assignee: { who: secretary, role: SEC5 },
      resolution: '已联系装修户清运。',
      rating: { stars: 5, comment: '第二天就清走了，谢谢书记' },
      steps: [
        { kind: 'accepted', at: cal.wall(-14, '19:30'), by: secretary, role: SEC5 },
        { kind: 'resolved', at: cal.wall(-13, '15:00'), by: secretary, role: SEC5, text: '已联系装修户清运。' },
        { kind: 'confirmed', at: cal.wall(-13, '20:00'), by: partyMember, text: '满意度5星：第二天就清走了，谢谢书记' },
      ],
    }),
    report({
      id: DEMO_REPORTS.noise,
      reporter: senior,
      categoryId: 'neighbour',
      body: '楼上每天晚上十一点以后还在敲敲打打，睡不好觉。',
      household: true,
      status: 'accepted',
      createdAt: cal.wall(-4, '21:30'),
      assignee: { who: secretary, role: SEC5 },
      steps: [{ kind: 'accepted', at: cal.wall(-3, '09:00'), by: secretary, role: SEC5 }],
    }),
    report({
      id: DEMO_REPORTS.eastGate,
      reporter: resident,
      categoryId: 'other',
      body: '东门的道闸坏了，一直抬着，外面的车随便进出。',
      place: { kind: 'spot', spotId: 'east-gate' },
      status: 'submitted',
      createdAt: cal.wall(-1, '12:40'),
    }),
    report({
      id: DEMO_REPORTS.parkingSign,
      reporter: person(
        residents.find(
          (r) => r.binding.address?.buildingNo === 3 && r.binding.status === 'verified' && !r._id.startsWith('r-demo'),
        )!._id,
      ),
      categoryId: 'facility',
      body: '希望在3号楼门前加装一块禁止停车的牌子。',
      place: { kind: 'building', buildingNo: 3 },
      status: 'rejected',
      createdAt: cal.wall(-8, '10:00'),
      steps: [
        {
          kind: 'rejected',
          at: cal.wall(-8, '16:20'),
          by: secretary3,
          role: '3号楼党支部书记',
          text: '门前是消防通道，已有标线；加装标牌请到议事提出，由居民议事会讨论。',
        },
      ],
      decline: { outcome: 'rejected', reason: '门前是消防通道，已有标线；加装标牌请到议事提出，由居民议事会讨论。' },
    }),
    report({
      id: DEMO_REPORTS.stairLightAgain,
      reporter: neighbours[0]!,
      categoryId: 'facility',
      body: '2单元4楼的灯坏了。',
      place: { kind: 'building', buildingNo: 5, unitNo: 2 },
      status: 'duplicate',
      createdAt: cal.wall(-2, '20:10'),
      steps: [
        {
          kind: 'duplicate',
          at: cal.wall(-2, '21:00'),
          by: secretary,
          role: SEC5,
          text: `已有邻居报过，合并处理（与${DEMO_REPORTS.stairLight}重复）`,
        },
      ],
      decline: { outcome: 'duplicate', reason: '已有邻居报过，合并处理', duplicateOf: DEMO_REPORTS.stairLight },
    }),
    report({
      id: DEMO_REPORTS.fitness,
      reporter: building7,
      categoryId: 'facility',
      body: '7号楼前健身器材的扶手松了。',
      place: { kind: 'building', buildingNo: 7 },
      status: 'confirmed',
      createdAt: cal.wall(-16, '08:30'),
      assignee: { who: staff, role: '社区工作人员' },
      resolution: '已紧固。',
      rating: { stars: 3, comment: '修好了，但等了好几天' },
      steps: [
        { kind: 'accepted', at: cal.wall(-15, '09:00'), by: staff, role: '社区工作人员' },
        { kind: 'resolved', at: cal.wall(-12, '11:00'), by: staff, role: '社区工作人员', text: '已紧固。' },
        { kind: 'confirmed', at: cal.wall(-12, '18:00'), by: building7, text: '满意度3星：修好了，但等了好几天' },
      ],
    }),
  ];
  const report_metoos: MetooDoc[] = neighbours.slice(1, 4).map((r) => ({
    _id: `${DEMO_REPORTS.stairLight}|${r._id}`,
    reportId: DEMO_REPORTS.stairLight,
    residentId: r._id,
    at: cal.at(-1, '07:00'),
  }));
  return { reports, report_metoos };
}
