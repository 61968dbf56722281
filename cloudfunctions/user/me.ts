/** Builds the caller's own view ("我的") from their resident document and links. */
import type { LinkedPersonView, MeView } from '../../typings/domain/community';
import { command, collection } from '../shared/cloud';
import type { RelativeLinkDoc, ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { addressLabel, buildingLabel, roleViews } from '../shared/domain/labels';
import { maskPhone } from '../shared/domain/privacy';

const UNREGISTERED: MeView = {
  registered: false,
  privacyAgreed: false,
  binding: { status: 'none' },
  roles: [],
  seniors: [],
  relatives: [],
};

function linkedPerson(person: ResidentDoc, status: RelativeLinkDoc['status']): LinkedPersonView {
  const buildingNo = person.binding.status === 'verified' ? person.binding.address?.buildingNo : undefined;
  return {
    residentId: person._id,
    name: person.name,
    ...(buildingNo ? { buildingLabel: buildingLabel(buildingNo) } : {}),
    status,
  };
}

async function loadLinks(resident: ResidentDoc) {
  const _ = command();
  const { data } = await collection('relative_links')
    .where(_.or([{ seniorId: resident._id }, { relativeId: resident._id }]))
    .limit(100)
    .get();
  const links = data as RelativeLinkDoc[];
  const otherIds = links.map((link) => (link.seniorId === resident._id ? link.relativeId : link.seniorId));
  const people = otherIds.length
    ? ((
        await collection('residents')
          .where({ _id: _.in(otherIds) })
          .limit(100)
          .get()
      ).data as ResidentDoc[])
    : [];
  return { links, people: new Map(people.map((person) => [person._id, person])) };
}

async function loadTeamNames(resident: ResidentDoc): Promise<Map<string, string>> {
  const teamIds = resident.roles.flatMap((role) => ('teamId' in role ? [role.teamId] : []));
  if (!teamIds.length) return new Map();
  const { data } = await collection('volunteer_teams')
    .where({ _id: command().in(teamIds) })
    .get();
  return new Map((data as VolunteerTeamDoc[]).map((team) => [team._id, team.name]));
}

export async function buildMeView(resident: ResidentDoc | null): Promise<MeView> {
  if (!resident) return UNREGISTERED;
  const [{ links, people }, teamNames] = await Promise.all([loadLinks(resident), loadTeamNames(resident)]);
  const seniors: LinkedPersonView[] = [];
  const relatives: LinkedPersonView[] = [];
  for (const link of links) {
    const isRelative = link.relativeId === resident._id;
    const other = people.get(isRelative ? link.seniorId : link.relativeId);
    if (!other) continue;
    (isRelative ? seniors : relatives).push(linkedPerson(other, link.status));
  }
  const { binding } = resident;
  return {
    registered: true,
    privacyAgreed: Boolean(resident.privacyAgreedAt),
    profile: {
      residentId: resident._id,
      name: resident.name,
      ...(resident.phone ? { phoneMasked: maskPhone(resident.phone) } : {}),
    },
    binding: {
      status: binding.status,
      ...(binding.address ? { address: binding.address, addressLabel: addressLabel(binding.address) } : {}),
      ...(binding.status === 'rejected' && binding.rejectReason ? { rejectReason: binding.rejectReason } : {}),
    },
    roles: roleViews(resident.roles, teamNames),
    seniors,
    relatives,
  };
}
