"""Measure the performance targets (benchmarks/README.md) with real processes; print a report.

    python benchmarks/run.py            # bundled data, then 10k, 30k and 100k records
    python benchmarks/run.py --quick    # bundled data, then 2k and 10k records

Every measurement is a fresh child process (``sys.executable``, so the code installed in
this interpreter is what is measured), timed by wall clock around start-to-exit, with its
peak resident memory from ``os.wait4``. Each is repeated and reported as median and min.
Synthetic files are generated once into ``benchmarks/out/`` (ignored by git) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
QUERY = ("list", "--sector", "banjir", "--format", "json")
#: A query whose output is a handful of lines: what is left is the cost of loading.
NARROW = ("list", "--country", "NL", "--format", "ids")
#: What every Typer program pays before it does anything: the bundled query's yardstick.
BASELINE_IMPORTS = "import typer"
CSAFE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
CSAFE_NO_GC = "import gc; gc.disable(); " + CSAFE


@dataclass
class Timing:
    label: str
    seconds: list[float]
    peak_mb: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)


def run_once(argv: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process; fails loudly on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=dict(env), stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{message}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(
    label: str,
    argv: Sequence[str],
    env: Mapping[str, str],
    repeat: int,
    fresh_cache: bool = False,
) -> Timing:
    """``repeat`` runs; with ``fresh_cache`` each gets an empty cache directory of its own."""
    timing = Timing(label, [], [])
    for _ in range(repeat):
        run_env = dict(env)
        scratch = None
        if fresh_cache:
            scratch = tempfile.mkdtemp(prefix="kerjasama-bench-cache-")
            run_env["KERJASAMA_CACHE_DIR"] = scratch
        try:
            seconds, peak = run_once(argv, run_env)
        finally:
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
        timing.seconds.append(seconds)
        timing.peak_mb.append(peak)
        print(f"  {label}: {seconds:.3f} s, {peak:.0f} MB", file=sys.stderr)
    return timing


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("KERJASAMA_NO_CACHE", "KERJASAMA_CACHE_DIR", "KERJASAMA_DATA", "KERJASAMA_LANG"):
        env.pop(name, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # any value, "0" too, would stop .pyc caching
    return env


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kerjasama_cli", *args]


def interleaved(
    runs: Sequence[tuple[str, list[str], Mapping[str, str]]], repeat: int
) -> list[Timing]:
    """Each command once per round, round after round (A B C A B C ...), so that a change
    in the machine's load falls on all of them alike."""
    timings = [Timing(label, [], []) for label, _, _ in runs]
    for _ in range(repeat):
        for timing, (_, argv, env) in zip(timings, runs, strict=True):
            seconds, peak = run_once(argv, env)
            timing.seconds.append(seconds)
            timing.peak_mb.append(peak)
    return timings


def bundled(repeat: int) -> list[Timing]:
    env = base_env()
    no_store = {**env, "KERJASAMA_NO_CACHE": "1"}
    warm_dir = tempfile.mkdtemp(prefix="kerjasama-bench-warm-")
    warm = {**env, "KERJASAMA_CACHE_DIR": warm_dir}
    try:
        run_once(cli(*QUERY), warm)  # compile the store, and warm the OS's file cache
        time.sleep(2.5)  # past the racy window, so the next run remembers the file's hash
        run_once(cli(*QUERY), warm)
        run_once([sys.executable, "-c", BASELINE_IMPORTS], env)
        return interleaved(
            [
                (
                    "baseline: python -c 'import typer'",
                    [sys.executable, "-c", BASELINE_IMPORTS],
                    env,
                ),
                ("new process, store ready", cli(*QUERY), warm),
                ("new process, no store (KERJASAMA_NO_CACHE=1)", cli(*QUERY), no_store),
            ],
            repeat,
        )
    finally:
        shutil.rmtree(warm_dir, ignore_errors=True)


def synthetic_file(count: int) -> Path:
    path = OUT / f"synthetic-{count}.yaml"
    if not path.exists():
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(count), str(path)], check=True
        )
    return path


@dataclass
class SizeResult:
    count: int
    megabytes: float
    csafe: Timing
    csafe_no_gc: Timing
    first: Timing
    repeat: Timing
    repeat_narrow: Timing


def at_size(count: int, repeat: int) -> SizeResult:
    path = synthetic_file(count)
    env = base_env()
    print(f"{count} records ({path.stat().st_size / 1e6:.1f} MB):", file=sys.stderr)
    csafe = measure("CSafeLoader", [sys.executable, "-c", CSAFE, str(path)], env, repeat)
    csafe_no_gc = measure(
        "CSafeLoader, gc off", [sys.executable, "-c", CSAFE_NO_GC, str(path)], env, repeat
    )
    first = measure("first query", cli("--data", str(path), *QUERY), env, repeat, fresh_cache=True)
    cache = tempfile.mkdtemp(prefix="kerjasama-bench-repeat-")
    try:
        warm = {**env, "KERJASAMA_CACHE_DIR": cache}
        run_once(cli("--data", str(path), *QUERY), warm)
        time.sleep(2.5)  # past the racy window: later runs need not hash the file again
        run_once(cli("--data", str(path), *QUERY), warm)
        again, narrow = interleaved(
            [
                ("repeat query", cli("--data", str(path), *QUERY), warm),
                ("repeat, narrow", cli("--data", str(path), *NARROW), warm),
            ],
            max(repeat, 5),
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return SizeResult(count, path.stat().st_size / 1e6, csafe, csafe_no_gc, first, again, narrow)


def machine() -> str:
    try:
        import yaml

        libyaml = f"PyYAML {yaml.__version__}, libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}"
    except ImportError:
        libyaml = "PyYAML missing"
    versions = []
    for dist in ("typer", "pydantic", "rich"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:
            versions.append(f"{dist} ?")
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{libyaml}, {', '.join(versions)}"
    )


def ok(flag: bool) -> str:
    return "**met**" if flag else "**missed**"


def report(base: list[Timing], sizes: list[SizeResult]) -> str:
    lines = [f"Machine: {machine()}", ""]
    lines += [
        "### Bundled dataset: `kerjasama list --sector banjir --format json`",
        "",
        "| run | median s | min s | peak MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {t.label} | {t.median:.3f} | {t.best:.3f} | {t.peak:.0f} |" for t in base]
    baseline, warm, no_store = base
    lines += [
        "",
        f"Target, a new process with its store <= 1.2 x baseline: "
        f"{warm.median / baseline.median:.2f} x (median), {warm.best / baseline.best:.2f} x (min) "
        f"-> {ok(warm.median <= 1.2 * baseline.median)}; without a store "
        f"{no_store.median / baseline.median:.2f} x.",
        "",
    ]
    if not sizes:
        return "\n".join(lines)
    lines += [
        "### Synthetic datasets: the same query",
        "",
        "| records | file MB | CSafeLoader s | CSafeLoader gc off s | first query s | first / CSafeLoader | first / gc-off | repeat s | narrow repeat s | peak MB first | peak MB repeat | CSafeLoader peak MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for s in sizes:
        lines.append(
            f"| {s.count:,} | {s.megabytes:.1f} | {s.csafe.median:.2f} (min {s.csafe.best:.2f}) "
            f"| {s.csafe_no_gc.median:.2f} | {s.first.median:.2f} (min {s.first.best:.2f}) "
            f"| {s.first.median / s.csafe.median:.2f} | {s.first.median / s.csafe_no_gc.median:.2f} "
            f"| {s.repeat.median:.3f} (min {s.repeat.best:.3f}) | {s.repeat_narrow.median:.3f} "
            f"| {s.first.peak:.0f} | {max(s.repeat.peak, s.repeat_narrow.peak):.0f} "
            f"| {s.csafe.peak:.0f} |"
        )
    lines += [
        "",
        "Linearity (median microseconds per record):",
        "",
        "| records | CSafeLoader | first query | repeat query |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        lines.append(
            f"| {s.count:,} | {s.csafe.median / s.count * 1e6:.0f} "
            f"| {s.first.median / s.count * 1e6:.0f} | {s.repeat.median / s.count * 1e6:.0f} |"
        )
    big = max(sizes, key=lambda s: s.count)
    small = min(sizes, key=lambda s: s.count)
    growth = (big.first.median / big.count) / (small.first.median / small.count)
    lines += [
        "",
        f"Targets at {big.count:,} records:",
        "",
        f"- first query <= 0.5 x CSafeLoader: {big.first.median / big.csafe.median:.2f} x "
        f"-> {ok(big.first.median <= 0.5 * big.csafe.median)} "
        f"(against CSafeLoader with gc off: {big.first.median / big.csafe_no_gc.median:.2f} x)",
        f"- repeat query <= 0.2 s: {big.repeat.median:.3f} s -> {ok(big.repeat.median <= 0.2)}",
        f"- narrow repeat query (`--country NL --format ids`) <= 0.1 s: "
        f"{big.repeat_narrow.median:.3f} s -> {ok(big.repeat_narrow.median <= 0.1)}",
        f"- peak memory of the first query < 500 MB: {big.first.peak:.0f} MB "
        f"-> {ok(big.first.peak < 500)} (repeat: {big.repeat.peak:.0f} MB)",
        f"- linear: first-query cost per record at {big.count:,} is {growth:.2f} x that at "
        f"{small.count:,} -> {ok(growth <= 1.25)} (1.25 allowed for noise)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="2k and 10k records, 3 runs each")
    parser.add_argument("--sizes", type=int, nargs="*", help="record counts (default 10k 30k 100k)")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 5, fewer for big files)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    args = parser.parse_args(argv)
    sizes: list[int] = (
        args.sizes if args.sizes is not None else [2000, 10000] if args.quick else [10000, 30000, 100000]
    )  # fmt: skip
    base_repeat = args.repeat or (3 if args.quick else 7)
    OUT.mkdir(parents=True, exist_ok=True)
    print("bundled dataset:", file=sys.stderr)
    base = bundled(base_repeat)
    results = []
    for count in sizes:
        # Big files are slow to parse: fewer runs keep the full run within a few minutes.
        repeat = args.repeat or (
            3 if args.quick else 5 if count <= 10000 else 3 if count <= 30000 else 2
        )
        results.append(at_size(count, repeat))
    text = report(base, results)
    print(text)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"bundled": [asdict(t) for t in base], "sizes": [asdict(s) for s in results]},
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
