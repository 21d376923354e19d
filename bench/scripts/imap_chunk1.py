# 20,000 tasks through imap with chunksize 1: per-task dispatch cost.
import multiprocessing as mp


def inc(x):
    return x + 1


if __name__ == "__main__":
    with mp.Pool(processes=2) as pool:
        total = 0
        for r in pool.imap(inc, range(20000), 1):
            total += r
        print(total)
