/**
 * The demo vendor's devices keep reporting while `npm start` runs: without them every
 * seeded alarm would fall silent and, after OFFLINE_AFTER_MS, the offline sweep would open
 * 1300 tasks overnight (as it should when a real vendor's platform goes quiet). Each device
 * sends a signed `online` event through the HTTP access route, exactly as the vendor's
 * platform would: the first round within `firstRoundMinutes` of starting (the seed dates
 * last heartbeats late the night before, so none is stale by then), then every device
 * again each `everyHours`. The devices the demo keeps offline stay silent.
 */
import { DEMO_PROBLEM_DEVICES, demoVendorDeviceIds } from './seed/safety';

export interface DemoHeartbeatOptions {
  /** Sends one heartbeat of a demo-vendor device, at the community instant given. */
  send(deviceId: string, at: Date): Promise<void>;
  /** The community clock. */
  now(): Date;
  firstRoundMinutes?: number;
  everyHours?: number;
}

export interface DemoHeartbeats {
  /** One minute's heartbeats; answers how many were sent. */
  tick(): Promise<number>;
  /** Ticks every minute of real time until stopped. */
  start(): void;
  stop(): void;
}

export function demoHeartbeats(options: DemoHeartbeatOptions): DemoHeartbeats {
  const silent = new Set(
    DEMO_PROBLEM_DEVICES.filter(([, issue]) => issue === 'offline').map(([id]) => id.replace(/^demo:/, '')),
  );
  const devices = demoVendorDeviceIds().filter((id) => !silent.has(id));
  const firstRound = Math.ceil(devices.length / (options.firstRoundMinutes ?? 20));
  const steady = Math.ceil(devices.length / ((options.everyHours ?? 12) * 60));
  let next = 0;
  let rounds = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;

  async function tick(): Promise<number> {
    const count = rounds === 0 ? firstRound : steady;
    for (let i = 0; i < count; i++) {
      // A failed send is retried by the next round; the device is not offline before then.
      await options.send(devices[next]!, options.now()).catch(() => undefined);
      next = (next + 1) % devices.length;
      if (next === 0) rounds++;
    }
    return count;
  }

  return {
    tick,
    start() {
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        void tick().finally(() => (busy = false));
      }, 60_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
