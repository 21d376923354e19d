// queue: the thread-level Queue (the shared queue serves threads, which run on workers) and Empty/Full.

export { Queue } from "../multiprocessing/queues.js";
export { Empty, Full } from "../multiprocessing/queue-errors.js";
