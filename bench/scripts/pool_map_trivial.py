# 300,000 trivial tasks through Pool.map (default chunking).
import multiprocessing as mp


def double(x):
    return x * 2


if __name__ == "__main__":
    with mp.Pool(processes=2) as pool:
        print(sum(pool.map(double, range(300000))))
