# CPU-bound work spread over a Pool: each task sums squares modulo a prime.
# Arguments: the number of workers (2), the number of tasks (16; 0 measures the start and end alone).
import multiprocessing as mp
import sys


def work(seed):
    acc = 0
    for i in range(2000000):
        acc = (acc + i * i + seed) % 1000003
    return acc


if __name__ == "__main__":
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    with mp.Pool(processes=workers) as pool:
        print(sum(pool.map(work, range(tasks))))
