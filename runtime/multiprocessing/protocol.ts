// What the main side and the worker side agree on: the start payload a Worker receives (workerData) and
// the control block through which a worker publishes its state and exit code in shared memory (worker
// events are not delivered while the main thread blocks in Atomics.wait).

import type { ProcessIdentity, WORKER_MARK } from "./state.js";

/** Control block cells (Int32). */
export const STATE = 0;
export const EXITCODE = 1;
/** Pool workers: the job id of the task being run (0 when idle), for failing it if the worker dies. */
export const CURRENT_JOB = 2;
export const CURRENT_CHUNK = 3;
export const CONTROL_CELLS = 4;

export const enum WorkerState {
  Starting = 0,
  Running = 1,
  Exited = 2,
  /** A warm spare: the module is imported, the worker waits for its start message. */
  Ready = 3,
}

export interface Inherited {
  readonly bytes: Uint8Array;
  readonly buffers: SharedArrayBuffer[];
}

/** workerData of a warm spare; its StartPayload arrives later as a message. */
export interface StandbyPayload {
  readonly [WORKER_MARK]: true;
  readonly standby: true;
  readonly identity: ProcessIdentity;
  readonly moduleUrl: string;
  readonly control: SharedArrayBuffer;
}

export interface StartPayload {
  readonly [WORKER_MARK]: true;
  readonly identity: ProcessIdentity;
  readonly moduleUrl: string;
  readonly control: SharedArrayBuffer;
  /** The module globals a forked child would see (fork start method only). */
  readonly snapshot: Inherited | null;
  readonly role:
    | { readonly kind: "process"; readonly call: Inherited }
    | {
        readonly kind: "pool";
        readonly tasks: SharedArrayBuffer;
        readonly results: SharedArrayBuffer;
        readonly initializer: Inherited | null;
        readonly maxtasks: number;
      };
}
