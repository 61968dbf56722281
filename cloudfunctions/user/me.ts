/**
 * Builds the caller's own view ("我的") from their resident document and links.
 *
 * Round trips, after the resident lookup: the links with both people joined in one
 * aggregate ($lookup), and the unread message count, in parallel (plus the team names
 * for volunteer roles). An unregistered caller costs one more lookup: their privacy
 * consent, which may come before registration.
 */
import type { LinkedPersonView, MeView } from '../../typings/domain/community';
import { collection, command } from '../shared/cloud';
import type { PrivacyConsentDoc, RelativeLinkDoc, ResidentDoc, VolunteerTeamDoc } from '../shared/docs';
import { addressLabel, buildingLabel, roleViews } from '../shared/domain/labels';
import { maskPhone } from '../shared/domain/privacy';
import { nameHeld, publicName } from '../shared/domain/residents';

const MAX_LINKS = 100;

export function unregisteredView(privacyAgreed: boolean): MeView {
  return {
    registered: false,
    privacyAgreed,
    binding: { status: 'none' },
    roles: [],
    seniors: [],
    relatives: [],
    unreadMessages: 0,
  };
}

export async function hasPrivacyConsent(openid: string): Promise<boolean> {
  const { data } = await collection('privacy_consents').doc(openid).get();
  return Boolean((data[0] as PrivacyConsentDoc | undefined)?.agreedAt);
}

/** The fields of a linked person the view needs (projected in the aggregate). */
type LinkedDoc = Pick<ResidentDoc, '_id' | 'name' | 'moderation' | 'phone' | 'binding'>;

interface JoinedLink extends RelativeLinkDoc {
  seniorDoc: LinkedDoc[];
  relativeDoc: LinkedDoc[];
}

const PERSON_FIELDS = ['_id', 'name', 'moderation', 'phone', 'binding.status', 'binding.address.buildingNo'];

async function loadLinks(residentId: string): Promise<JoinedLink[]> {
  const _ = command();
  const projection: Record<string, 1> = {
    seniorId: 1,
    relativeId: 1,
    status: 1,
    requested: 1,
    requestedAt: 1,
    confirmedBy: 1,
    proxy: 1,
  };
  for (const field of PERSON_FIELDS) {
    projection[`seniorDoc.${field}`] = 1;
    projection[`relativeDoc.${field}`] = 1;
  }
  const { data } = await collection('relative_links')
    .aggregate()
    .match(_.or([{ seniorId: residentId }, { relativeId: residentId }]))
    .limit(MAX_LINKS)
    .lookup({ from: 'residents', localField: 'seniorId', foreignField: '_id', as: 'seniorDoc' })
    .lookup({ from: 'residents', localField: 'relativeId', foreignField: '_id', as: 'relativeDoc' })
    .project(projection)
    .end();
  return data as JoinedLink[];
}

async function countUnread(residentId: string): Promise<number> {
  const { total } = await collection('messages').where({ recipientId: residentId, read: false }).count();
  return total;
}

async function loadTeamNames(resident: ResidentDoc): Promise<Map<string, string>> {
  const teamIds = resident.roles.flatMap((role) => ('teamId' in role ? [role.teamId] : []));
  if (!teamIds.length) return new Map();
  const { data } = await collection('volunteer_teams')
    .where({ _id: command().in(teamIds) })
    .get();
  return new Map((data as VolunteerTeamDoc[]).map((team) => [team._id, team.name]));
}

function verifiedBuilding(person: LinkedDoc): string | undefined {
  const buildingNo = person.binding?.status === 'verified' ? person.binding.address?.buildingNo : undefined;
  return buildingNo ? buildingLabel(buildingNo) : undefined;
}

function confirmedByStaff(link: RelativeLinkDoc): boolean {
  return Boolean(link.proxy) || (link.confirmedBy !== undefined && link.confirmedBy !== link.seniorId);
}

/** How the caller sees one link; undefined when the other person no longer exists. */
export function linkedPersonView(link: JoinedLink, callerId: string): LinkedPersonView | undefined {
  const base = {
    linkId: link._id,
    status: link.status,
    requestedAt: link.requestedAt.toISOString(),
    ...(link.status === 'confirmed' && confirmedByStaff(link) ? { confirmedByStaff: true } : {}),
  };
  if (link.relativeId === callerId) {
    // The relative's own pending request shows what they typed: whether it matched a
    // senior stays unknown to them until the senior (or staff for them) confirms.
    if (link.status === 'pending' && link.requested) {
      return { ...base, name: link.requested.name, buildingLabel: buildingLabel(link.requested.buildingNo) };
    }
    const senior = link.seniorDoc[0];
    if (!senior) return undefined;
    const building = verifiedBuilding(senior);
    return {
      ...base,
      residentId: senior._id,
      name: publicName(senior),
      ...(building ? { buildingLabel: building } : {}),
    };
  }
  const relative = link.relativeDoc[0];
  if (!relative) return undefined;
  const building = verifiedBuilding(relative);
  return {
    ...base,
    residentId: relative._id,
    name: publicName(relative),
    ...(building ? { buildingLabel: building } : {}),
    // The senior deciding on a request sees whose phone it is, masked, to recognise them.
    ...(link.status === 'pending' && relative.phone ? { phoneMasked: maskPhone(relative.phone) } : {}),
  };
}

/** Pending first (they ask for something), then oldest first. */
function byUrgency(a: LinkedPersonView, b: LinkedPersonView): number {
  if (a.status !== b.status) return a.status === 'pending' ? -1 : 1;
  return a.requestedAt.localeCompare(b.requestedAt);
}

export async function buildMeView(resident: ResidentDoc): Promise<MeView> {
  const [links, unreadMessages, teamNames] = await Promise.all([
    loadLinks(resident._id),
    countUnread(resident._id),
    loadTeamNames(resident),
  ]);
  const seniors: LinkedPersonView[] = [];
  const relatives: LinkedPersonView[] = [];
  for (const link of links) {
    const view = linkedPersonView(link, resident._id);
    if (view) (link.relativeId === resident._id ? seniors : relatives).push(view);
  }
  const { binding } = resident;
  const held = nameHeld(resident);
  return {
    registered: true,
    privacyAgreed: Boolean(resident.privacyAgreedAt),
    profile: {
      residentId: resident._id,
      name: resident.name,
      ...(resident.phone ? { phoneMasked: maskPhone(resident.phone) } : {}),
      ...(resident.birthYear ? { birthYear: resident.birthYear } : {}),
      ...(held ? { nameHeld: held } : {}),
    },
    binding: bindingView(binding),
    roles: roleViews(resident.roles, teamNames),
    seniors: seniors.sort(byUrgency),
    relatives: relatives.sort(byUrgency),
    unreadMessages,
  };
}

export function bindingView(binding: ResidentDoc['binding']): MeView['binding'] {
  return {
    status: binding.status,
    ...(binding.address ? { address: binding.address, addressLabel: addressLabel(binding.address) } : {}),
    ...(binding.status === 'rejected' && binding.rejectReason ? { rejectReason: binding.rejectReason } : {}),
  };
}
