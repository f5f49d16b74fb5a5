"""Side by side: the streaming reader, PyYAML's CSafeLoader alone, and the full path.

    python benchmarks/stream_compare.py              # 100,000 records, 2 rounds
    python benchmarks/stream_compare.py 10000 --rounds 3

Each measurement is a fresh child process; wall time around start-to-exit and peak RSS
from ``os.wait4``; the rounds are interleaved (A B C A B C) and reported as medians.
The synthetic file is generated once into ``benchmarks/out/`` and reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

COMMANDS: dict[str, str] = {
    "stream: `iter_register`, fully consumed": (
        "import sys, collections; from pathlib import Path;"
        "from kerjasama_cli.stream import iter_register;"
        "collections.deque(iter_register(Path(sys.argv[1])), maxlen=0)"
    ),
    "PyYAML CSafeLoader alone": (
        "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
    ),
    "PyYAML CSafeLoader alone, gc off": (
        "import gc, sys, yaml; gc.disable();"
        "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
    ),
    "`loading.parse_and_validate`": (
        "import sys; from pathlib import Path;"
        "from kerjasama_cli.loading import parse_and_validate, read_text;"
        "p = Path(sys.argv[1]); parse_and_validate(p, read_text(p))"
    ),
    "`loading.parse_and_validate`, gc off (as the cache calls it)": (
        "import gc, sys; gc.disable(); from pathlib import Path;"
        "from kerjasama_cli.loading import parse_and_validate, read_text;"
        "p = Path(sys.argv[1]); parse_and_validate(p, read_text(p))"
    ),
}


def run_once(code: str, path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process.

    On a shared machine the CPU time moves less with the load than the wall time.
    """
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)])
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {code}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    path = OUT / f"{args.count // 1000}k.yaml" if args.count >= 1000 else OUT / f"{args.count}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.count), str(path)], check=True
        )
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in COMMANDS}
    for _ in range(args.rounds):
        for label, code in COMMANDS.items():
            results[label].append(run_once(code, path))
            print(f"{label}: {results[label][-1][0]:.2f} s", file=sys.stderr)
    size = path.stat().st_size / 1e6
    print(f"{args.count:,} records ({size:.0f} MB), {args.rounds} round(s), medians\n")
    print("| | wall s | × CSafeLoader | CPU s | × CSafeLoader | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    base = results["PyYAML CSafeLoader alone"]
    wall0 = statistics.median(r[0] for r in base)
    cpu0 = statistics.median(r[1] for r in base)
    for label, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        print(
            f"| {label} | {wall:.2f} | {wall / wall0:.2f} | {cpu:.2f} | {cpu / cpu0:.2f} "
            f"| {peak:,.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
