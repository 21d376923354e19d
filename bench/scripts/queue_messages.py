# 200,000 messages through a Queue between two processes.
import multiprocessing as mp

N = 200000


def producer(q):
    for i in range(N):
        q.put(i)
    q.put(None)


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q,))
    p.start()
    total = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += item
    p.join()
    print(total)
