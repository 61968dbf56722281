/** Loading residents by id, for any number of ids. */
import { collection, command } from './cloud';
import type { ResidentDoc } from './docs';

/** Ids a request names at most: keeps each `_.in` list (and its request) small. */
const IDS_PER_REQUEST = 500;

/** The residents with these ids, by id (ids not found are absent; duplicates and blanks ignored). */
export async function residentsByIds(ids: readonly string[]): Promise<Map<string, ResidentDoc>> {
  const unique = [...new Set(ids)].filter(Boolean);
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) chunks.push(unique.slice(i, i + IDS_PER_REQUEST));
  const pages = await Promise.all(
    chunks.map(
      async (chunk) =>
        (
          await collection('residents')
            .where({ _id: command().in(chunk) })
            .limit(chunk.length)
            .get()
        ).data as ResidentDoc[],
    ),
  );
  return new Map(pages.flat().map((resident) => [resident._id, resident]));
}
