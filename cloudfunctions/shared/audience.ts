/** Who receives a message, in the community's own terms, and the residents that means. */
import { collection, command } from './cloud';

export type Audience =
  | { kind: 'residents'; residentIds: readonly string[] }
  /** Verified residents of a building, or of some of its units. */
  | { kind: 'building'; buildingNo: number; unitNos?: readonly number[] }
  /** Verified residents of several buildings, or the whole community (no buildingNos). */
  | { kind: 'community'; buildingNos?: readonly number[] }
  /** A building's branch secretary, and its unit leaders (of one unit, or all). */
  | { kind: 'buildingLeaders'; buildingNo: number; unitNo?: number }
  /** A senior's confirmed relatives. */
  | { kind: 'relativesOf'; seniorId: string }
  | { kind: 'staff' };

/** An audience that names its residents by data only (stored with a fan-out, rebuilt into a query). */
export type StoredAudience = Exclude<Audience, { kind: 'relativesOf' }>;

/** Resolves what needs a lookup (a senior's relatives) into plain residents. */
export async function storable(audience: Audience): Promise<StoredAudience> {
  if (audience.kind !== 'relativesOf') return audience;
  const { data } = await collection('relative_links')
    .where({ seniorId: audience.seniorId, status: 'confirmed' })
    .limit(100)
    .get();
  return { kind: 'residents', residentIds: (data as { relativeId: string }[]).map((link) => link.relativeId) };
}

/** The `residents` query an audience stands for. */
export function audienceWhere(audience: StoredAudience): object {
  const _ = command();
  switch (audience.kind) {
    case 'residents':
      return { _id: _.in([...audience.residentIds]) };
    case 'building':
      return {
        'binding.status': 'verified',
        'binding.address.buildingNo': audience.buildingNo,
        ...(audience.unitNos?.length ? { 'binding.address.unitNo': _.in([...audience.unitNos]) } : {}),
      };
    case 'community':
      return {
        'binding.status': 'verified',
        ...(audience.buildingNos?.length ? { 'binding.address.buildingNo': _.in([...audience.buildingNos]) } : {}),
      };
    case 'buildingLeaders':
      return _.or([
        { roles: _.elemMatch({ kind: 'branch_secretary', buildingNo: audience.buildingNo }) },
        {
          roles: _.elemMatch({
            kind: 'unit_leader',
            buildingNo: audience.buildingNo,
            ...(audience.unitNo ? { unitNo: audience.unitNo } : {}),
          }),
        },
      ]);
    case 'staff':
      return { roles: _.elemMatch({ kind: 'staff' }) };
  }
}
