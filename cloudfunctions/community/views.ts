/** Views of residents for officers: the directory entry and the binding request. */
import type { BindingRequestView, CareFlags, DirectoryEntry } from '../../typings/functions/community';
import { collection, command } from '../shared/cloud';
import type { ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { addressLabel, roleViews } from '../shared/domain/labels';
import { officerName } from '../shared/domain/residents';
import { AppError } from '../shared/errors';

export function careFlags(resident: Pick<ResidentDoc, 'care'>): CareFlags {
  return {
    livesAlone: Boolean(resident.care?.livesAlone),
    mobilityLimited: Boolean(resident.care?.mobilityLimited),
    deliveryEligible: Boolean(resident.care?.deliveryEligible),
  };
}

export async function loadResident(residentId: string): Promise<ResidentDoc> {
  const { data } = await collection('residents').doc(residentId).get();
  const resident = data[0] as ResidentDoc | undefined;
  if (!resident) throw new AppError('NOT_FOUND', '没有找到这位居民');
  return resident;
}

/** Names of the volunteer teams the residents' roles mention (one query, only when needed). */
export async function teamNamesFor(residents: readonly Pick<ResidentDoc, 'roles'>[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(residents.flatMap((r) => r.roles.flatMap((role) => ('teamId' in role ? [role.teamId] : [])))),
  ];
  if (!ids.length) return new Map();
  const { data } = await collection('volunteer_teams')
    .where({ _id: command().in(ids) })
    .get();
  return new Map((data as VolunteerTeamDoc[]).map((team) => [team._id, team.name]));
}

export function directoryEntry(resident: ResidentDoc, teamNames: ReadonlyMap<string, string>): DirectoryEntry {
  const address = resident.binding.address;
  return {
    residentId: resident._id,
    ...officerName(resident),
    ...(resident.phone ? { phone: resident.phone } : {}),
    ...(resident.birthYear ? { birthYear: resident.birthYear } : {}),
    bindingStatus: resident.binding.status,
    ...(address ? { address, addressLabel: addressLabel(address) } : {}),
    roles: roleViews(resident.roles, teamNames),
    roleList: resident.roles,
    care: careFlags(resident),
    hasWeChat: Boolean(resident.openid),
  };
}

export async function directoryEntryOf(resident: ResidentDoc): Promise<DirectoryEntry> {
  return directoryEntry(resident, await teamNamesFor([resident]));
}

export function bindingRequestView(resident: ResidentDoc, householdMembers: readonly string[]): BindingRequestView {
  const { binding } = resident;
  const address = binding.address!;
  return {
    residentId: resident._id,
    ...officerName(resident),
    ...(resident.phone ? { phone: resident.phone } : {}),
    ...(resident.birthYear ? { birthYear: resident.birthYear } : {}),
    address,
    addressLabel: addressLabel(address),
    status: binding.status,
    requestedAt: (binding.requestedAt ?? resident.createdAt).toISOString(),
    householdMembers: [...householdMembers],
    ...(binding.status === 'rejected' && binding.rejectReason ? { rejectReason: binding.rejectReason } : {}),
  };
}
