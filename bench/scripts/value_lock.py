# Lock-protected Value increments across 4 processes.
import multiprocessing as mp


def bump(v, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1


if __name__ == "__main__":
    v = mp.Value("i", 0)
    ps = [mp.Process(target=bump, args=(v, 50000)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(v.value)
