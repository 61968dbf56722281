/**
 * The verification queue: branch secretaries decide their building's household bindings,
 * staff everyone's. A decision is one transaction on the binding still pending at the
 * address the decider saw (with its audit record), so of two deciders exactly one wins,
 * nothing is decided without its record, and a resident who
 * changed the request meanwhile is never verified for an address nobody looked at.
 */
import type { BindingRequestView } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import { recordAuditIn } from '../shared/community-audit';
import type { HouseholdDoc, ResidentDoc } from '../shared/docs';
import { addressLabel } from '../shared/domain/labels';
import { isStaff, mayDecideBinding, secretaryBuildings } from '../shared/domain/roles';
import { AppError } from '../shared/errors';
import { tellResidents } from '../shared/notify';
import { inTransaction } from '../shared/transactions';
import { bindingRequestView, loadResident } from './views';

export const QUEUE_PAGE_SIZE = 20;

/** The buildings whose queue the caller reads: null = all (staff). */
function queueBuildings(caller: ResidentDoc, requested: number | undefined): number[] | null {
  if (isStaff(caller.roles)) return requested === undefined ? null : [requested];
  const own = secretaryBuildings(caller.roles);
  if (requested === undefined) return own;
  if (!own.includes(requested)) throw new AppError('FORBIDDEN', '只能查看本楼栋的认证申请');
  return [requested];
}

async function householdMembers(residents: readonly ResidentDoc[]): Promise<Map<string, string[]>> {
  const addresses = residents.flatMap((r) => (r.binding.address ? [r.binding.address] : []));
  const members = new Map<string, string[]>();
  if (!addresses.length) return members;
  const _ = command();
  const { data } = await collection('residents')
    .where(
      _.and([
        { 'binding.status': 'verified' },
        _.or(
          addresses.map((a) => ({
            'binding.address.buildingNo': a.buildingNo,
            'binding.address.unitNo': a.unitNo,
            'binding.address.room': a.room,
          })),
        ),
      ]),
    )
    .field({ name: true, binding: true })
    .limit(200)
    .get();
  for (const member of data as Pick<ResidentDoc, 'name' | 'binding'>[]) {
    const key = addressLabel(member.binding.address!);
    members.set(key, [...(members.get(key) ?? []), member.name]);
  }
  return members;
}

export async function bindingQueue(
  caller: ResidentDoc,
  input: { buildingNo?: number; page?: number },
): Promise<{ items: BindingRequestView[]; hasMore: boolean }> {
  const buildings = queueBuildings(caller, input.buildingNo);
  const page = input.page ?? 1;
  const _ = command();
  const { data } = await collection('residents')
    .where({
      'binding.status': 'pending',
      // One's own request is decided by someone else: it is not in one's queue.
      _id: _.neq(caller._id),
      ...(buildings ? { 'binding.address.buildingNo': _.in(buildings) } : {}),
    })
    .orderBy('binding.requestedAt', 'asc')
    .skip((page - 1) * QUEUE_PAGE_SIZE)
    .limit(QUEUE_PAGE_SIZE + 1)
    .get();
  const residents = (data as ResidentDoc[]).slice(0, QUEUE_PAGE_SIZE);
  const members = await householdMembers(residents);
  return {
    items: residents.map((r) => bindingRequestView(r, members.get(addressLabel(r.binding.address!)) ?? [])),
    hasMore: data.length > QUEUE_PAGE_SIZE,
  };
}

async function householdIdFor(resident: ResidentDoc): Promise<string | undefined> {
  if (resident.binding.householdId) return resident.binding.householdId;
  const address = resident.binding.address!;
  const { data } = await collection('households')
    .where({ buildingNo: address.buildingNo, unitNo: address.unitNo, room: address.room })
    .limit(1)
    .get();
  return (data[0] as HouseholdDoc | undefined)?._id;
}

export async function decideBinding(
  caller: ResidentDoc,
  input: { residentId: string; decision: 'verify' | 'reject'; reason?: string },
  now: Date,
  /** The applicant as read with the caller (runtime callerFor); read here when not given. */
  known?: readonly unknown[],
): Promise<BindingRequestView> {
  const joined = known?.[0] as ResidentDoc | undefined;
  if (known && !joined) throw new AppError('NOT_FOUND', '没有找到这位居民');
  const target = joined ?? (await loadResident(input.residentId));
  if (target._id === caller._id) throw new AppError('FORBIDDEN', '不能审核自己的申请');
  if (!mayDecideBinding(caller, target)) throw new AppError('FORBIDDEN', '只能审核本楼栋的认证申请');
  const address = target.binding.address;
  if (target.binding.status !== 'pending' || !address) {
    throw new AppError('CONFLICT', '这条申请已经处理过了');
  }
  const verify = input.decision === 'verify';
  const householdId = verify ? await householdIdFor(target) : undefined;
  if (verify && !householdId) throw new AppError('CONFLICT', '该房间已不在住户名册中，请驳回并说明');
  const label = addressLabel(address);
  // The decision and its audit record in one transaction: a death between them loses neither.
  // The record is keyed by the request (a new request is a new decision).
  const key = `binding:${target._id}:${target.binding.requestedAt ? new Date(target.binding.requestedAt).getTime() : 0}`;
  await inTransaction(async (t) => {
    const fresh = (await t.collection('residents').doc(target._id).get()).data as ResidentDoc | null;
    const still = fresh?.binding.status === 'pending' && fresh.binding.address;
    if (
      !still ||
      still.buildingNo !== address.buildingNo ||
      still.unitNo !== address.unitNo ||
      still.room !== address.room
    ) {
      throw new AppError('CONFLICT', '这条申请已由其他人处理，或居民刚刚修改了申请');
    }
    const binding = {
      ...fresh.binding,
      status: verify ? 'verified' : 'rejected',
      decidedAt: now,
      decidedBy: caller._id,
    };
    if (verify) delete binding.rejectReason;
    else binding.rejectReason = input.reason;
    await t
      .collection('residents')
      .doc(target._id)
      .update({ binding: command().set(binding), ...(verify ? { householdId } : {}), updatedAt: now });
    await recordAuditIn(t, key, {
      action: verify ? 'binding_verify' : 'binding_reject',
      actorId: caller._id,
      subjectId: target._id,
      detail: verify ? label : `${label}：${input.reason}`,
      at: now,
    });
  });
  await tellResidents(
    [target._id],
    verify
      ? {
          title: '住址认证已通过',
          body: `您登记的住址“${label}”已通过认证，现在可以参与议事、报名活动和在老人食堂订餐了。`,
          note: `${label}已通过认证`,
          source: { kind: 'binding', id: target._id },
        }
      : {
          title: '住址认证未通过',
          body: `您登记的住址“${label}”未通过认证。原因：${input.reason}。请核对后在“我的”页面重新提交。`,
          note: `未通过：${input.reason}`,
          source: { kind: 'binding', id: target._id },
        },
    now,
  );
  const decided: ResidentDoc = {
    ...target,
    binding: {
      ...target.binding,
      status: verify ? 'verified' : 'rejected',
      ...(verify ? {} : { rejectReason: input.reason }),
    },
  };
  return bindingRequestView(decided, []);
}
