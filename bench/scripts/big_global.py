# Start cost of a worker whose code reads a 100 MB global (fork semantics: the child sees it).
import multiprocessing as mp

BIG = None


def measure():
    print(len(BIG))


if __name__ == "__main__":
    BIG = "x" * (100 * 1024 * 1024)
    for _ in range(3):
        p = mp.Process(target=measure)
        p.start()
        p.join()
