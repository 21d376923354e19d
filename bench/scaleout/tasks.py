# Tasks through a Pool with chunksize 1 (on the redis pool backend, each task is one BullMQ job).
import multiprocessing as mp
import sys


def inc(x):
    return x + 1


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with mp.Pool(processes=4) as pool:
        print(sum(pool.imap_unordered(inc, range(n), 1)))
