/**
 * `npm run chaos`: the whole local stack (scripts/chaos/stack.ts: stand-in, runner with its
 * timers, gateway) is killed with SIGKILL — its whole process group, as a power cut would —
 * at a random moment (after a drawn number of answers) during a sign-up race and an order burst, ten rounds in a row, each
 * round on a restart of the same data dir. Then the stack restarts once more, runs every
 * timer once, and the run checks: the activity ledger and the canteen portions hold
 * (test/helpers/crash/invariants.ts, the sweep's own functions), every action the stack
 * acknowledged is present, and every person of every round can act again (a new tap with a
 * new request id is accepted, or refused only for what the state says: already in the
 * ledger, an order held, sold out). Exit code 1 on any violation.
 *
 * Calls go through the gateway as the mini-program's would (x-wx-openid). The community
 * clock (CS_NOW) starts at a fixed instant and each restart moves it on 3 minutes, the last
 * by 10 more (every lease of a dead invocation is over). CHAOS_SEED picks the kill moments;
 * CHAOS_ROUNDS the rounds; ports CS_STANDIN_PORT/CS_GATEWAY_PORT (9410/9411), data dir
 * CS_DATA_DIR (/tmp/crash-data, emptied first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import tcb from '@cloudbase/node-sdk';
import { buildFunctions } from '../build-functions';
import { DEMO } from '../../local/seed/community';
import { platformEnv } from '../../local/runner/identity';
import { formatShanghai } from '../../cloudfunctions/shared/time';
import type { ActivityDoc } from '../../cloudfunctions/activity/docs';
import { signupId } from '../../cloudfunctions/activity/signup';
import type { MenuDoc, OrderDoc } from '../../cloudfunctions/canteen/docs';
import { activityLedger, canteenPortions } from '../../test/helpers/crash/invariants';
import { all, one } from '../../test/helpers/crash/read';

const ROOT = join(__dirname, '..', '..');
const DATA_DIR = process.env.CS_DATA_DIR ?? '/tmp/crash-data';
const STANDIN_PORT = process.env.CS_STANDIN_PORT ?? '9410';
const GATEWAY_PORT = process.env.CS_GATEWAY_PORT ?? '9411';
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 10);
let seed = Number(process.env.CHAOS_SEED ?? 13);
/** Where the community clock starts: a fixed instant, so every run lives the same days. */
const BASE = new Date('2026-12-07T08:00:00+08:00');
const ROUND_MS = 3 * 60_000;
/** People per round: each signs up for the round's activity and orders the round's lunch. */
const PEOPLE = 24;
const PLACES = 12;
const PORTIONS = 14;
/** The kill comes this long after the drawn answer, at most (ms, drawn per round). */
const KILL_WITHIN_MS = 60;

type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

interface Stack {
  child: ChildProcess;
  gateway: string;
  standIn: string;
  timers: Record<string, Result>;
}

/** A small deterministic PRNG (mulberry32), so a run's kill moments can be replayed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function day(offset: number): string {
  return formatShanghai(new Date(BASE.getTime() + offset * 86_400_000), 'YYYY-MM-DD');
}

async function startStack(now: Date, timersOnce = false): Promise<Stack> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'chaos', 'stack.ts'), ...(timersOnce ? ['--timers-once'] : [])],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CS_NOW: now.toISOString(),
        CS_DATA_DIR: DATA_DIR,
        CS_STANDIN_PORT: STANDIN_PORT,
        CS_GATEWAY_PORT: GATEWAY_PORT,
      },
    },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stack exited with ${code}: ${errors}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const ready = JSON.parse(line) as { gateway: string; standIn: string; timers: Record<string, Result> };
      live.add(child);
      resolve({ child, gateway: ready.gateway, standIn: ready.standIn, timers: ready.timers });
    });
  });
}

/** Stacks started and not yet killed: killed too if the run fails. */
const live = new Set<ChildProcess>();

/** kill -9 of the stack's whole process group; resolves once it is gone. */
function killStack(stack: Stack): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    if (stack.child.exitCode !== null || stack.child.signalCode !== null) resolve();
    else stack.child.once('exit', () => resolve());
  });
  process.kill(-stack.child.pid!, 'SIGKILL');
  live.delete(stack.child);
  return gone;
}

async function call<T = unknown>(stack: Stack, fn: string, openid: string, event: object): Promise<Result<T>> {
  const response = await fetch(`${stack.gateway}/__cloud/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  return (await response.json()) as Result<T>;
}

async function ok<T>(stack: Stack, fn: string, openid: string, event: object): Promise<T> {
  const result = await call<T>(stack, fn, openid, event);
  if (!result.ok) throw new Error(`${fn}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

let serial = 0;
const requestId = (tag: string) => `${tag}-chaos-${(++serial).toString(36).padStart(5, '0')}`;

interface Round {
  activityId: string;
  menuId: string;
  dishId: string;
  /** Acknowledged: the stack answered ok before it died. */
  signedUp: string[];
  ordered: { residentId: string; orderId: string }[];
  unanswered: number;
  refused: string[];
}

interface Person {
  openid: string;
  residentId: string;
}

async function arrangeRound(stack: Stack, index: number): Promise<Pick<Round, 'activityId' | 'menuId' | 'dishId'>> {
  const date = day(20 + index);
  const created = await ok<{ id: string }>(stack, 'activity', DEMO.staff, {
    action: 'create',
    title: `混沌测试第${index + 1}场讲座`,
    description: '演练：断电时的报名。',
    images: [],
    organiser: { kind: 'committee' },
    place: '党群服务中心',
    startAt: `${date} 09:00`,
    endAt: `${date} 11:00`,
    signupOpensAt: `${day(-1)} 08:00`,
    signupDeadline: `${date} 08:00`,
    capacity: PLACES,
    eligibility: { buildingNos: [], partyMembersOnly: false, volunteersOnly: false },
    maxCompanions: 0,
    volunteerHours: 0,
  });
  const menu = await ok<{ id: string }>(stack, 'canteen', DEMO.canteen, {
    action: 'saveMenu',
    date,
    meal: 'lunch',
    dishes: [{ name: '红烧鸡块套餐', tags: [], allergens: [], portions: PORTIONS }],
    priceFen: 700,
    tiers: [],
    cutoff: { daysBefore: 0, time: '09:00' },
    publish: true,
  });
  const editor = await ok<{ draft: { dishes: { id?: string }[] } }>(stack, 'canteen', DEMO.canteen, {
    action: 'staffMenu',
    date,
    meal: 'lunch',
  });
  return { activityId: created.id, menuId: menu.id, dishId: editor.draft.dishes[0]!.id! };
}

/**
 * The race and the burst, all at once; the stack is killed `killAfterMs` after the
 * `killAfterAnswers`-th answer (the burst is under way, functions warm and writing).
 */
async function burst(
  stack: Stack,
  people: Person[],
  round: Round,
  killAfterAnswers: number,
  killAfterMs: number,
): Promise<void> {
  let answers = 0;
  let due: () => void = () => undefined;
  const kill = new Promise<void>((resolve) => (due = resolve));
  const answered = () => {
    if (++answers === killAfterAnswers) setTimeout(due, killAfterMs);
  };
  const calls = people.flatMap((person) => [
    call(stack, 'activity', person.openid, {
      action: 'signUp',
      id: round.activityId,
      requestId: requestId('signup'),
      companions: 0,
    }).then((result) => {
      answered();
      if (result.ok) round.signedUp.push(person.residentId);
      else round.refused.push(`signUp ${person.residentId}: ${result.error.code} ${result.error.message}`);
    }),
    call<{ id: string }>(stack, 'canteen', person.openid, {
      action: 'placeOrder',
      requestId: requestId('order'),
      menuId: round.menuId,
      dishId: round.dishId,
      portions: 1,
      mode: 'dine_in',
      dietTags: [],
    }).then((result) => {
      answered();
      if (result.ok) round.ordered.push({ residentId: person.residentId, orderId: result.data.id });
      else round.refused.push(`placeOrder ${person.residentId}: ${result.error.code} ${result.error.message}`);
    }),
  ]);
  const settled = Promise.allSettled(calls);
  await Promise.race([kill, settled]);
  await killStack(stack);
  const outcomes = await settled;
  round.unanswered = outcomes.filter((outcome) => outcome.status === 'rejected').length;
}

async function main(): Promise<void> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  await buildFunctions();
  const violations: string[] = [];
  const rounds: Round[] = [];

  // The people: residents of the demo with a WeChat login, PEOPLE a round, different each round.
  let stack = await startStack(BASE);
  Object.assign(
    process.env,
    platformEnv({
      adminUrl: stack.standIn,
      envId: 'local-env',
      invocationId: 'chaos',
      identity: { source: 'wx_http' },
    }),
  );
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  const residents = await all<{ _id: string; openid?: string; status?: string }>(db, 'residents', {
    openid: db.command.exists(true),
  });
  const everyone = residents
    .filter((r) => /^o-\d/.test(r.openid ?? ''))
    .map((r) => ({ openid: r.openid!, residentId: r._id }));
  if (everyone.length < PEOPLE * ROUNDS) throw new Error(`only ${everyone.length} residents with a login`);

  for (let index = 0; index < ROUNDS; index++) {
    if (index > 0) stack = await startStack(new Date(BASE.getTime() + index * ROUND_MS));
    const round: Round = {
      ...(await arrangeRound(stack, index)),
      signedUp: [],
      ordered: [],
      unanswered: 0,
      refused: [],
    };
    rounds.push(round);
    const killAfterAnswers = 1 + Math.floor(random() * (PEOPLE * 2 - 8));
    const killAfterMs = Math.round(random() * KILL_WITHIN_MS);
    await burst(stack, everyone.slice(index * PEOPLE, (index + 1) * PEOPLE), round, killAfterAnswers, killAfterMs);
    console.log(
      `round ${index + 1}: killed ${killAfterMs} ms after answer ${killAfterAnswers} — acknowledged ${round.signedUp.length} sign-ups, ${round.ordered.length} orders; ${round.refused.length} refused; ${round.unanswered} never answered`,
    );
  }

  stack = await startStack(new Date(BASE.getTime() + ROUNDS * ROUND_MS + 10 * 60_000), true);
  for (const [timer, result] of Object.entries(stack.timers)) {
    if (!result.ok) violations.push(`timer ${timer}: ${result.error.code} ${result.error.message}`);
  }
  console.log(`restarted; timers once: ${Object.keys(stack.timers).join(', ')}`);
  for (const repairing of ['activity.tick', 'canteen.reconcile']) {
    const result = stack.timers[repairing];
    if (result?.ok) console.log(`  ${repairing}: ${JSON.stringify(result.data)}`);
  }

  const check = async (label: string) => {
    violations.push(
      ...(
        await activityLedger(
          db,
          rounds.map((r) => r.activityId),
        )
      ).map((v) => `${label}: ${v}`),
    );
    violations.push(
      ...(
        await canteenPortions(
          db,
          rounds.map((r) => r.menuId),
        )
      ).map((v) => `${label}: ${v}`),
    );
  };
  await check('after the timers');

  // Every acknowledged action is present.
  for (const round of rounds) {
    const activity = await one<ActivityDoc>(db, 'activities', round.activityId);
    const ledger = new Set([...(activity?.holders ?? []), ...(activity?.queue ?? [])].map((entry) => entry.id));
    for (const residentId of round.signedUp) {
      if (!ledger.has(signupId(round.activityId, residentId)))
        violations.push(`acknowledged sign-up of ${residentId} for ${round.activityId} is not in the ledger`);
    }
    for (const { residentId, orderId } of round.ordered) {
      const order = await one<OrderDoc>(db, 'canteen_orders', orderId);
      if (order?.status !== 'placed')
        violations.push(`acknowledged order ${orderId} of ${residentId} is ${order?.status}`);
    }
  }

  // Every person can act again: a new tap, a new request id.
  let acted = 0;
  for (const [index, round] of rounds.entries()) {
    for (const person of everyone.slice(index * PEOPLE, (index + 1) * PEOPLE)) {
      const signUp = await call(stack, 'activity', person.openid, {
        action: 'signUp',
        id: round.activityId,
        requestId: requestId('again'),
        companions: 0,
      });
      const activity = await one<ActivityDoc>(db, 'activities', round.activityId);
      const id = signupId(round.activityId, person.residentId);
      const held = [...(activity?.holders ?? []), ...(activity?.queue ?? [])].some((entry) => entry.id === id);
      if (!signUp.ok && !(signUp.error.code === 'CONFLICT' && held))
        violations.push(`${person.residentId} cannot sign up again: ${signUp.error.code} ${signUp.error.message}`);
      const order = await call(stack, 'canteen', person.openid, {
        action: 'placeOrder',
        requestId: requestId('again'),
        menuId: round.menuId,
        dishId: round.dishId,
        portions: 1,
        mode: 'dine_in',
        dietTags: [],
      });
      if (!order.ok) {
        const live = await all<OrderDoc>(db, 'canteen_orders', {
          menuId: round.menuId,
          dinerId: person.residentId,
          status: 'placed',
        });
        const menu = await one<MenuDoc>(db, 'canteen_menus', round.menuId);
        const soldOut = (menu?.stock[round.dishId] ?? 0) < 1;
        if (!(order.error.code === 'CONFLICT' && (live.length > 0 || soldOut)))
          violations.push(`${person.residentId} cannot order again: ${order.error.code} ${order.error.message}`);
      }
      acted++;
    }
  }
  await check('after everyone acted again');
  await killStack(stack);

  const signUps = rounds.reduce((n, r) => n + r.signedUp.length, 0);
  const orders = rounds.reduce((n, r) => n + r.ordered.length, 0);
  console.log(
    `${ROUNDS} rounds: ${signUps} acknowledged sign-ups and ${orders} acknowledged orders checked; ${acted} people acted again`,
  );
  if (violations.length) {
    console.log(`${violations.length} violations:\n${violations.map((v) => `  ${v}`).join('\n')}`);
    process.exit(1);
  }
  console.log('every invariant holds, every acknowledged action is present, everyone can act again');
}

main().catch((error: unknown) => {
  console.error(error);
  for (const child of live) process.kill(-child.pid!, 'SIGKILL');
  process.exit(1);
});
