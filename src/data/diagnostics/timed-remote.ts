import type { Remote } from 'comlink';
import { measure, outcomeOf, workerLog, type TimingLog, type WorkerName, type WorkerTiming } from './timings';

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * A Comlink proxy whose method calls are timed into `log` (the app's worker log by default).
 * Arguments (transfers, proxied callbacks) pass through untouched. A worker that is
 * terminated never answers, so a call also settles when `stopped` rejects (abort, crash):
 * the caller races the same promise, so what it sees is unchanged. Method calls only:
 * reading a remote property through this wrapper is not supported.
 */
export function timedRemote<T>(
  worker: WorkerName,
  remote: Remote<T>,
  stopped?: Promise<never>,
  log: TimingLog<WorkerTiming> = workerLog,
): Remote<T> {
  return new Proxy({} as Remote<T>, {
    get(_target, prop) {
      // Not thenable (as a plain object), and Comlink's symbols (release, endpoint) go straight through.
      if (prop === 'then') return undefined;
      if (typeof prop !== 'string') return Reflect.get(remote as object, prop);
      const method = Reflect.get(remote as object, prop) as Method;
      return (...args: unknown[]) =>
        measure(
          () => (stopped ? Promise.race([method(...args), stopped]) : method(...args)),
          (at, ms, settled) => log.add({ at, worker, task: prop, ms, ...outcomeOf(settled) }),
        );
    },
  });
}
