/**
 * The caller of an invocation, from the platform context only (never the request body):
 * OPENID/APPID via the SDK's auth context, SOURCE via the CloudBase context.
 *
 * The caller's resident document is read once per invocation, by the runtime; an action
 * that also needs the seniors the caller cares for (confirmed relative links) or documents
 * keyed by the caller's id declares it (`CallerNeeds`), and all of it comes in that same
 * single round trip (an aggregate with lookups).
 */
import tcb from '@cloudbase/node-sdk';
import { cloudApp, collection, command } from './cloud';
import type { CollectionName } from './collections';
import type { RelativeLinkDoc, ResidentDoc } from './docs';

/** An aggregation sub-pipeline, as `command().aggregate.pipeline()` builds it. */
export type JoinPipeline = ReturnType<ReturnType<typeof command>['aggregate']['pipeline']>;

/**
 * Documents of another collection: those whose `foreignField` equals the caller's resident
 * id, or (`match`) those a fixed equality query selects whoever calls, e.g. a configuration
 * document or a small reference collection the action reads every time anyway.
 */
export type CallerJoin =
  | { from: CollectionName; foreignField: string }
  | {
      from: CollectionName;
      match: Record<string, string | number | boolean>;
      /** A projection as `field()` takes it: all true (only these) or all false (all but these). */
      fields?: Readonly<Record<string, boolean>>;
      limit: number;
      /** Stages after the limit, e.g. a lookup of what the joined document names (its activity). */
      then?: (pipeline: JoinPipeline) => JoinPipeline;
    };

/** What an action needs about its caller beyond the access check (read in the same round trip). */
export interface CallerNeeds {
  /** Load the resident even for a `signedIn` action (e.g. a menu anyone may look at). */
  resident?: boolean;
  /** The seniors bound to the caller by a confirmed relative link (full resident documents). */
  seniors?: boolean;
  /** By name: documents keyed by the caller's id (e.g. the delivery routes assigned to them). */
  joins?: Record<string, CallerJoin>;
}

export interface Caller {
  /** Null for timers and function-to-function calls made without a user. */
  openid: string | null;
  appid: string | null;
  /** e.g. "wx_client" for the mini-program, "wx_client,scf" for another function. */
  source: string;
  /** True when another cloud function or a trigger made the call. */
  isSystem: boolean;
  resident: ResidentDoc | null;
  /** With `needs.seniors`: the confirmed seniors, in link order (empty without a resident); else null. */
  seniors: ResidentDoc[] | null;
  /** With `needs.joins`: the joined documents by name (empty without a resident). */
  joined: Record<string, unknown[]>;
}

export async function findResidentByOpenid(openid: string): Promise<ResidentDoc | null> {
  const { data } = await collection('residents').where({ openid }).limit(1).get();
  return (data[0] as ResidentDoc | undefined) ?? null;
}

/** Lookup names for the seniors; a resident document has no fields starting with `__`. */
const LINKS = '__links';
const LINKED = '__linked';

interface JoinedResident extends ResidentDoc {
  [key: string]: unknown;
}

/** The resident with its seniors and joins, in ONE aggregate (equality lookups only). */
async function findResidentWith(
  openid: string,
  needs: CallerNeeds,
): Promise<{ resident: ResidentDoc | null; seniors: ResidentDoc[]; joined: Record<string, unknown[]> }> {
  let pipeline = collection('residents').aggregate().match({ openid }).limit(1);
  if (needs.seniors) {
    pipeline = pipeline
      .lookup({ from: 'relative_links', localField: '_id', foreignField: 'relativeId', as: LINKS })
      .lookup({ from: 'residents', localField: `${LINKS}.seniorId`, foreignField: '_id', as: LINKED });
  }
  const joins = Object.entries(needs.joins ?? {});
  for (const [name, join] of joins) {
    if ('foreignField' in join) {
      pipeline = pipeline.lookup({
        from: join.from,
        localField: '_id',
        foreignField: join.foreignField,
        as: `__${name}`,
      });
      continue;
    }
    let sub = command().aggregate.pipeline().match(join.match);
    if (join.fields)
      sub = sub.project(Object.fromEntries(Object.entries(join.fields).map(([f, on]) => [f, on ? 1 : 0])));
    sub = sub.limit(join.limit);
    if (join.then) sub = join.then(sub);
    pipeline = pipeline.lookup({ from: join.from, pipeline: sub.done(), as: `__${name}` });
  }
  const { data } = (await pipeline.end()) as { data: JoinedResident[] };
  const row = data[0];
  if (!row) return { resident: null, seniors: [], joined: Object.fromEntries(joins.map(([name]) => [name, []])) };
  const { [LINKS]: links, [LINKED]: linked, ...rest } = row;
  const joined: Record<string, unknown[]> = {};
  for (const [name] of joins) {
    joined[name] = (rest[`__${name}`] as unknown[] | undefined) ?? [];
    delete rest[`__${name}`];
  }
  const people = new Map(((linked as ResidentDoc[] | undefined) ?? []).map((person) => [person._id, person]));
  const seniors = ((links as RelativeLinkDoc[] | undefined) ?? [])
    .filter((link) => link.status === 'confirmed' && link.seniorId)
    .flatMap((link) => (people.has(link.seniorId!) ? [people.get(link.seniorId!)!] : []));
  return { resident: rest as ResidentDoc, seniors: [...new Map(seniors.map((s) => [s._id, s])).values()], joined };
}

export async function loadCaller(options: { withResident: boolean; needs?: CallerNeeds }): Promise<Caller> {
  const { openId, appId } = cloudApp().auth().getUserInfo();
  const source = String(tcb.getCloudbaseContext().TCB_SOURCE ?? '');
  const openid = openId || null;
  const needs = options.needs ?? {};
  const extended = Boolean(needs.seniors || Object.keys(needs.joins ?? {}).length);
  const wanted = options.withResident || Boolean(needs.resident) || extended;
  let resident: ResidentDoc | null = null;
  let seniors: ResidentDoc[] | null = needs.seniors ? [] : null;
  let joined: Record<string, unknown[]> = Object.fromEntries(Object.keys(needs.joins ?? {}).map((name) => [name, []]));
  if (wanted && openid) {
    if (extended) {
      const found = await findResidentWith(openid, needs);
      resident = found.resident;
      if (needs.seniors) seniors = found.seniors;
      joined = found.joined;
    } else {
      resident = await findResidentByOpenid(openid);
    }
  }
  return {
    openid,
    appid: appId || null,
    source,
    isSystem: source.split(',').includes('scf') || source === 'wx_trigger',
    resident,
    seniors,
    joined,
  };
}
