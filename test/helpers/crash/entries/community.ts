/** Sweep entries of the community's records: bindings, seniors, care flags, relatives. */
import { DEMO } from '../../../../local/seed/community';
import type { ResidentDoc } from '../../../../cloudfunctions/shared/docs';
import { BINDING_AUDITS, communityRecords, pushedOnce } from '../invariants';
import { all, one } from '../read';
import { later, type Call, type SweepContext, type SweepEntry } from '../sweep';
import { at, dayKey, wall } from '../world';

export const community = (as: string, action: string, input: Record<string, unknown>, now: Date): Call => ({
  fn: 'community',
  event: { action, ...input },
  as,
  now,
});

/** When staff and secretaries work through their queues: the day after the seed's. */
const OFFICE = at(wall(dayKey(1), '10:00'));

let people = 0;

/** Names take Chinese characters only: a number as its digits, 一 二 三…. */
function chinese(n: number): string {
  return [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
}

/** A resident of their own, copied from a demo one (pending: 5-4-603; verified: 5-2-301). */
export async function freshResident(ctx: SweepContext, like: 'r-demo-pending' | 'r-demo-resident'): Promise<string> {
  const model = await one<ResidentDoc & { openid?: string }>(ctx.db(), 'residents', like);
  const n = ++people;
  const { _id: _model, ...rest } = model!;
  const id = `r-sweep-${like.slice(7)}-${n}`;
  await ctx
    .db()
    .collection('residents')
    .add({
      ...rest,
      _id: id,
      name: `测试${chinese(n)}`,
      openid: `o-sweep-${n}`,
      roles: [],
      ...(like === 'r-demo-pending' ? { binding: { ...rest.binding, requestedAt: OFFICE } } : {}),
    });
  return id;
}

/** The request decided at most once, audited as often as it was decided. */
async function decided(ctx: SweepContext, residentId: string): Promise<string[]> {
  const doc = await one<ResidentDoc>(ctx.db(), 'residents', residentId);
  const times = doc?.binding.status === 'pending' ? 0 : 1;
  return communityRecords(ctx.db(), [residentId], [{ action: BINDING_AUDITS, subjectId: residentId, times }]);
}

export const communityEntries: SweepEntry[] = [
  {
    key: 'community.decideBinding',
    async arrange(ctx) {
      const residentId = await freshResident(ctx, 'r-demo-pending');
      return {
        call: community(DEMO.secretary, 'decideBinding', { residentId, decision: 'verify' }, OFFICE),
        check: () => decided(ctx, residentId),
        async done() {
          const doc = await one<ResidentDoc>(ctx.db(), 'residents', residentId);
          return doc?.binding.status === 'verified' ? [] : [`${residentId} is ${doc?.binding.status}`];
        },
      };
    },
  },
  {
    key: 'community.decideBinding#reject',
    async arrange(ctx) {
      const residentId = await freshResident(ctx, 'r-demo-pending');
      const input = { residentId, decision: 'reject', reason: '房号与名册不符，请核对' };
      return {
        call: community(DEMO.secretary, 'decideBinding', input, OFFICE),
        check: () => decided(ctx, residentId),
      };
    },
  },
  {
    key: 'community.addSenior',
    async arrange(ctx) {
      const name = `测试老人${chinese(++people)}`;
      const input = {
        name,
        birthYear: 1941,
        buildingNo: 5,
        unitNo: 1,
        room: '102',
        care: { livesAlone: true, mobilityLimited: false, deliveryEligible: true },
      };
      const registered = async () => (await all<ResidentDoc>(ctx.db(), 'residents', { name })).map((r) => r._id);
      return {
        call: community(DEMO.staff, 'addSenior', input, OFFICE),
        check: async () => communityRecords(ctx.db(), await registered()),
        async done() {
          return (await registered()).length === 1 ? [] : [`${name} registered ${(await registered()).length} times`];
        },
      };
    },
  },
  {
    key: 'community.setCare',
    async arrange(ctx) {
      const residentId = await freshResident(ctx, 'r-demo-resident');
      const care = { livesAlone: true, mobilityLimited: true, deliveryEligible: true };
      return {
        call: community(DEMO.staff, 'setCare', { residentId, ...care }, OFFICE),
        async check() {
          const set = Boolean((await one<ResidentDoc>(ctx.db(), 'residents', residentId))?.care?.mobilityLimited);
          return communityRecords(
            ctx.db(),
            [residentId],
            [{ action: 'care_set', subjectId: residentId, times: set ? 1 : 0 }],
          );
        },
        async done() {
          const doc = await one<ResidentDoc>(ctx.db(), 'residents', residentId);
          return doc?.care?.mobilityLimited ? [] : ['the care flags were not set'];
        },
      };
    },
  },
  {
    key: 'community.confirmRelativeForSenior',
    async arrange(ctx) {
      const relativeId = await freshResident(ctx, 'r-demo-resident');
      const linkId = `link-sweep-${++people}`;
      await ctx
        .db()
        .collection('relative_links')
        .add({
          _id: linkId,
          seniorId: 'r-demo-senior-nophone',
          relativeId,
          status: 'pending',
          requested: { buildingNo: 5, unitNo: 3, room: '201', name: '钱长海' },
          requestedAt: OFFICE,
        });
      const input = { linkId, reason: '老人电话确认过，是她的侄子' };
      return {
        call: community(DEMO.staff, 'confirmRelativeForSenior', input, OFFICE),
        async check() {
          const link = await one<{ status: string }>(ctx.db(), 'relative_links', linkId);
          const done = link?.status === 'confirmed';
          return [
            ...(await communityRecords(
              ctx.db(),
              [relativeId],
              [{ action: 'relative_confirm', subjectId: relativeId, times: done ? 1 : 0 }],
            )),
            ...(await pushedOnce(ctx.db(), { kind: 'relative_link', id: linkId }, done ? [relativeId] : [], '成功')),
          ];
        },
      };
    },
  },
  {
    key: 'community.assignRole',
    async arrange(ctx) {
      const residentId = await freshResident(ctx, 'r-demo-resident');
      const holds = async () =>
        Boolean(
          (await one<ResidentDoc>(ctx.db(), 'residents', residentId))?.roles.some((r) => r.kind === 'party_member'),
        );
      return {
        call: community(DEMO.staff, 'assignRole', { residentId, role: { kind: 'party_member' } }, OFFICE),
        async check() {
          const times = (await holds()) ? 1 : 0;
          return communityRecords(ctx.db(), [residentId], [{ action: 'role_assign', subjectId: residentId, times }]);
        },
      };
    },
  },
  {
    key: 'community.revokeRole',
    async arrange(ctx) {
      const residentId = await freshResident(ctx, 'r-demo-resident');
      await ctx.ok(community(DEMO.staff, 'assignRole', { residentId, role: { kind: 'party_member' } }, OFFICE));
      const holds = async () =>
        Boolean(
          (await one<ResidentDoc>(ctx.db(), 'residents', residentId))?.roles.some((r) => r.kind === 'party_member'),
        );
      const revokeAt = later(OFFICE, 3600_000);
      return {
        call: community(DEMO.staff, 'revokeRole', { residentId, role: { kind: 'party_member' } }, revokeAt),
        async check() {
          const times = (await holds()) ? 0 : 1;
          return communityRecords(
            ctx.db(),
            [residentId],
            [
              { action: 'role_assign', subjectId: residentId, times: 1 },
              { action: 'role_revoke', subjectId: residentId, times },
            ],
          );
        },
      };
    },
  },
  {
    key: 'community.unbindRelativeForSenior',
    async arrange(ctx) {
      const relativeId = await freshResident(ctx, 'r-demo-resident');
      const linkId = `link-sweep-${++people}`;
      await ctx
        .db()
        .collection('relative_links')
        .add({
          _id: linkId,
          seniorId: 'r-demo-senior-nophone',
          relativeId,
          status: 'confirmed',
          requested: { buildingNo: 5, unitNo: 3, room: '201', name: '钱长海' },
          requestedAt: OFFICE,
          confirmedAt: OFFICE,
          confirmedBy: 'r-demo-senior-nophone',
        });
      const input = { linkId, reason: '老人家属来电，说明已不再照看' };
      return {
        call: community(DEMO.staff, 'unbindRelativeForSenior', input, OFFICE),
        async check() {
          const gone = !(await one(ctx.db(), 'relative_links', linkId));
          return [
            ...(await communityRecords(
              ctx.db(),
              [relativeId],
              [{ action: 'relative_unbind', subjectId: relativeId, times: gone ? 1 : 0 }],
            )),
            ...(await pushedOnce(ctx.db(), { kind: 'relative_link', id: linkId }, gone ? [relativeId] : [], '解除')),
          ];
        },
      };
    },
  },
];
