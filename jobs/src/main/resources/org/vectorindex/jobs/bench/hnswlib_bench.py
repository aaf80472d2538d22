"""hnswlib's side of `bench hnsw`: the Java bench sends commands, one JSON line each on stdin (a
matrix follows "base" and "queries" as int32 rows, int32 columns, then little-endian float32), and
reads one JSON line back per command. Timings are taken here, around hnswlib's own loops, with
num_threads=1 so they run on this thread and thread CPU time measures them, as the Java side does.
Runs on Debian's python3-hnswlib (/usr/bin/python3)."""
import json
import sys
import time

try:
    import hnswlib
    import numpy as np
except ImportError as e:
    print(json.dumps({"error": "missing", "detail": str(e)}), flush=True)
    sys.exit(3)

SPACES = {"l2": "l2", "cosine": "cosine", "dot": "ip"}


def read_matrix(stream):
    header = np.frombuffer(stream.read(8), dtype="<i4")
    rows, cols = int(header[0]), int(header[1])
    data = np.frombuffer(stream.read(4 * rows * cols), dtype="<f4")
    return data.reshape(rows, cols).copy()


def timed(work):
    wall, cpu = time.perf_counter(), time.thread_time()
    result = work()
    return result, time.perf_counter() - wall, time.thread_time() - cpu


def main():
    stdin = sys.stdin.buffer
    reply(ready=True, numpy=np.__version__)
    base = queries = index = None
    while True:
        line = stdin.readline()
        if not line:
            return
        cmd = json.loads(line)
        op = cmd["op"]
        if op == "base":
            base = read_matrix(stdin)
            reply(rows=len(base))
        elif op == "queries":
            queries = read_matrix(stdin)
            reply(rows=len(queries))
        elif op == "build":
            n = cmd["n"]

            def build():
                idx = hnswlib.Index(space=SPACES[cmd["metric"]], dim=base.shape[1])
                idx.init_index(
                    max_elements=n, M=cmd["m"], ef_construction=cmd["efConstruction"],
                    random_seed=cmd["seed"])
                idx.add_items(base[:n], np.arange(n), num_threads=1)
                return idx

            index, wall, cpu = timed(build)
            reply(wallSeconds=wall, cpuSeconds=cpu)
        elif op == "search":
            index.set_ef(cmd["ef"])
            k = cmd["k"]
            repeats, wall, cpu = 0, 0.0, 0.0
            labels = None
            # Repeat the whole query set until the pass lasts minSeconds, as Stopwatch.repeat does.
            while repeats == 0 or wall < cmd["minSeconds"]:
                (labels, _), w, c = timed(lambda: index.knn_query(queries, k=k, num_threads=1))
                repeats, wall, cpu = repeats + 1, wall + w, cpu + c
            reply(wallSeconds=wall, cpuSeconds=cpu, repeats=repeats,
                  ids=labels.astype(np.int64).ravel().tolist())
        elif op == "quit":
            return
        else:
            reply(error="unknown op " + op)


def reply(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
