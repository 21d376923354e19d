# Process start+join latency: 200 short-lived processes, one after another.
import multiprocessing as mp


def noop():
    pass


if __name__ == "__main__":
    for _ in range(200):
        p = mp.Process(target=noop)
        p.start()
        p.join()
    print("done")
