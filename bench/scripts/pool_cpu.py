# CPU-bound work spread over a Pool: each task sums squares modulo a prime.
import multiprocessing as mp
import sys


def work(seed):
    acc = 0
    for i in range(2000000):
        acc = (acc + i * i + seed) % 1000003
    return acc


if __name__ == "__main__":
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    with mp.Pool(processes=workers) as pool:
        print(sum(pool.map(work, range(16))))
