"""Run argmap's commands on hostile and broken inputs and count what goes wrong.

Usage::

    python bench/fuzz_inputs.py                 # about 1,100 inputs, ~3,000 runs
    python bench/fuzz_inputs.py --per-family 10 --no-big   # a quick look
    python bench/fuzz_inputs.py --show 5        # print up to 5 examples per problem

Each input (``bench/hostile.py``) is laid out in a fresh folder beside a
folder of *outside* files; each command runs as a real ``argmap`` process
(``python -m argmap``), with its output going to a third, empty folder.
A run is judged on what the issue asks of every command:

* exit status 0 or 1, and no traceback on stderr;
* a failure names the file (``name:line`` where the format has lines);
* no input changed (bytes, links, the listing of both folders);
* on failure nothing written, on success only the outputs and no temp file;
* no raw control character (C0 but tab and newline, DEL, C1) or bidi
  override in what it prints, nor in SVG, HTML, Markdown, DOT or JSON it writes;
* no text of the outside files (the canary) in anything it prints or writes;
* under 10 s of CPU time, unless the input is over 10 MB (a run over 120 s
  of wall time is stopped and counted too).

The figures are the counts per problem; all must be 0.  Times are CPU
seconds of the argmap process, so that other work on a shared machine
does not count; wall time depends on that work: re-run to compare.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile

#: Raw characters no printed or drawn output may hold: C0 but tab, newline and
#: carriage return; DEL; C1; bidi embeddings, overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
#: Outputs checked for raw characters: drawn, printed, and the text map
#: formats (a map printed with -o - reaches a terminal; YAML and JSON escape
#: controls, GraphML writes character references).
SHOWN = (
    ".svg",
    ".html",
    ".md",
    ".dot",
    ".json",
    ".yaml",
    ".argdown",
    ".graphml",
    ".mmd",
)
SLOW = 10.0
BIG = 10 * 1024 * 1024
PROBLEMS = (
    "traceback",
    "exit status",
    "over 10 s",
    "input changed",
    "raw control characters",
    "outside contents",
    "stray output",
    "error names no file",
    "error names no line",
)


@dataclass
class Command:
    name: str
    #: (target path, output folder, case) -> arguments after "argmap"
    args: Callable[[Path, Path, hostile.Case], list[str]]


def _other_map(out: Path) -> str:
    """A map to merge with the input: complete on its own (names no other map)."""
    return str(hostile.DATA / "other-article.yaml")


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in [
        Command("check", lambda t, o, c: ["check", str(t)]),
        Command("check-json", lambda t, o, c: ["check", str(t), "--json"]),
        Command("render", lambda t, o, c: ["render", str(t), "-o", f"{o}/"]),
        Command(
            "render-dot",
            lambda t, o, c: ["render", str(t), "-o", f"{o}/", "--format", "dot"],
        ),
        Command(
            "render-html",
            lambda t, o, c: ["render", str(t), "-o", f"{o}/", "--format", "html"],
        ),
        Command(
            "render-merged",
            lambda t, o, c: [
                "render",
                str(t),
                "--merged",
                "--highlight-tensions",
                "-o",
                f"{o}/all.svg",
            ],
        ),
        Command(
            "convert",
            lambda t, o, c: [
                "convert",
                str(t),
                "-o",
                f"{o}/",
                "--to",
                ("yaml", "json", "aif", "argdown", "graphml", "mermaid")[
                    len(c.name) % 6
                ],
            ],
        ),
        Command("tensions", lambda t, o, c: ["tensions", str(t)]),
        Command("tensions-json", lambda t, o, c: ["tensions", str(t), "--json"]),
        Command("report", lambda t, o, c: ["report", str(t), "-o", f"{o}/r.html"]),
        Command("report-md", lambda t, o, c: ["report", str(t), "-o", f"{o}/r.md"]),
        Command("stats", lambda t, o, c: ["stats", str(t), "--json"]),
        Command(
            "merge",
            lambda t, o, c: ["merge", str(t), _other_map(o), "-o", f"{o}/m.yaml"],
        ),
        Command("align", lambda t, o, c: ["align", str(t), "--json"]),
    ]
}


@dataclass
class Run:
    case: str
    family: str
    fmt: str
    command: str
    status: int | None
    seconds: float
    problems: list[str] = field(default_factory=list)
    detail: str = ""


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under *folder*: a link's target, a file's hash, or 'dir'."""
    out = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def judge(
    case: hostile.Case,
    inside: Path,
    before: dict[str, str],
    outside_before: dict[str, str],
    outside: Path,
    out: Path,
    status: int | None,
    stdout: str,
    stderr: str,
    seconds: float,
    crashed: bool = False,
) -> list[str]:
    """The problems of one run (names from PROBLEMS)."""
    found = []
    if crashed or "Traceback (most recent call last)" in stderr:
        found.append("traceback")
    if status not in (0, 1):
        found.append("exit status")
    if (status is None or seconds > SLOW) and case.size() < BIG:
        found.append("over 10 s")
    if snapshot(inside) != before or snapshot(outside) != outside_before:
        found.append("input changed")
    written = [p for p in out.rglob("*")]
    texts = [stdout, stderr]
    for path in written:
        if path.is_file() and path.suffix in SHOWN:
            texts.append(path.read_text("utf-8", errors="replace"))
    if any(RAW.search(t) for t in texts):
        found.append("raw control characters")
    everything = [stdout, stderr] + [
        p.read_bytes().decode("utf-8", "replace") for p in written if p.is_file()
    ]
    if any(hostile.CANARY in t for t in everything):
        found.append("outside contents")
    stray = [p for p in written if ".tmp" in p.name]
    if status != 0 and written:
        stray = written
    if stray:
        found.append("stray output")
    if status == 1 and not crashed:
        names = _names(case, inside)
        said = stderr + stdout  # --json puts the failure on stdout
        shown = [n for n in names if n and n in said]
        if not shown:
            found.append("error names no file")
        elif (
            not any(re.search(re.escape(n) + r":\d", said) for n in shown)
            and _file_error(said)
            and not re.search(r'"line": \d', said)
        ):
            found.append("error names no line")
    return found


def _names(case: hostile.Case, inside: Path) -> list[str]:
    from argmap.cli._common import terminal_text

    names = [str(inside), inside.name]
    for name in [*case.files, *case.links]:
        names += [name, terminal_text(str(inside / name))]
    return names


def _file_error(stderr: str) -> bool:
    """Whether the failure is about the contents of a file (so a line is expected)."""
    return bool(re.search(r"error: |\"severity\": \"error\"", stderr)) and (
        "no such file" not in stderr
    )


def run_process(
    args: Sequence[str], cwd: Path, timeout: float
) -> tuple[int | None, str, str, float]:
    """Run ``python -m argmap ARGS``: (status, stdout, stderr, CPU seconds).

    CPU time (user + system of the process), not wall time: on a machine
    shared with other work, wall time measures the others.  Status None
    when it ran longer than *timeout* seconds of wall time (then killed).
    """
    env = {**os.environ, "COLUMNS": "100", "ARGMAP_CACHE_DIR": str(cwd / ".cache")}
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *args],
            cwd=cwd,
            stdout=out_file,
            stderr=err_file,
            env=env,
            # The child only sets its own memory limit before exec.
            preexec_fn=_limit_memory,  # noqa: PLW1509
        )
        started = time.perf_counter()
        status: int | None = None
        usage = None
        while True:
            pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wait_status)
                process.returncode = status
                break
            if time.perf_counter() - started > timeout:
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                break
            time.sleep(0.02)
        cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
        out_file.seek(0)
        err_file.seek(0)
        return status, _text(out_file.read()), _text(err_file.read()), cpu


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "replace")


def _limit_memory() -> None:
    import resource

    # 3 GB of data: a memory bomb fails in its own process, not the machine's.
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def run_case(
    case: hostile.Case,
    commands: Sequence[str],
    timeout: float,
    keep: Path | None = None,
) -> list[Run]:
    runs = []
    with tempfile.TemporaryDirectory(prefix="argmap-fuzz-") as tmp:
        base = Path(tmp)
        inside, outside = hostile.lay_out(case, base)
        target = inside / case.target if case.target != "." else inside
        for name in commands:
            out = base / f"out-{name}"
            out.mkdir()
            before, outside_before = snapshot(inside), snapshot(outside)
            args = COMMANDS[name].args(target, out, case)
            status, stdout, stderr, seconds = run_process(args, base, timeout)
            problems = judge(
                case,
                inside,
                before,
                outside_before,
                outside,
                out,
                status,
                stdout,
                stderr,
                seconds,
            )
            detail = f"argmap {' '.join(args)}\n--- exit {status}, {seconds:.1f} s CPU\n{stderr[-1500:]}\n{stdout[:600]}"
            runs.append(
                Run(
                    case.name,
                    case.family,
                    case.fmt,
                    name,
                    status,
                    seconds,
                    problems,
                    detail,
                )
            )
            if problems and keep is not None:
                dest = keep / f"{case.name}-{name}"
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(base, dest, symlinks=True)
            shutil.rmtree(out, ignore_errors=True)
    return runs


def plan(
    cases: list[hostile.Case], every: bool, others_per_input: int = 2
) -> list[tuple[hostile.Case, list[str]]]:
    """Which commands run on which input: check always, plus others in turn."""
    others = [c for c in COMMANDS if c not in ("check",)]
    jobs = []
    for number, case in enumerate(cases):
        if every or case.family in ("cycles", "paths", "folder"):
            chosen = list(COMMANDS)
        else:
            turns = [number, number * 7 + 3][:others_per_input]
            chosen = ["check", *(others[t % len(others)] for t in turns)]
        if case.family == "big":
            chosen = ["check", "tensions-json", "render-dot", "convert"]
        jobs.append((case, list(dict.fromkeys(chosen))))
    return jobs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-family", type=int, default=120)
    parser.add_argument("--no-big", action="store_true")
    parser.add_argument(
        "--every", action="store_true", help="every command on every input"
    )
    parser.add_argument(
        "--others",
        type=int,
        default=2,
        choices=(1, 2),
        help="commands run on each input besides check (in turn)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument(
        "--show", type=int, default=2, help="examples printed per problem"
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="copy failing cases here"
    )
    parser.add_argument(
        "--only", default=None, help="only cases whose name contains this"
    )
    options = parser.parse_args(argv)

    cases = hostile.cases(
        options.seed, per_family=options.per_family, big=not options.no_big
    )
    if options.only:
        cases = [c for c in cases if options.only in c.name]
    jobs = plan(cases, options.every, options.others)
    total_runs = sum(len(c) for _, c in jobs)
    print(
        f"{len(cases)} inputs, {total_runs} runs, {options.workers} workers", flush=True
    )
    started = time.perf_counter()
    runs: list[Run] = []
    with ThreadPoolExecutor(options.workers) as pool:
        futures = [
            pool.submit(run_case, case, cmds, options.timeout, options.keep)
            for case, cmds in jobs
        ]
        for number, future in enumerate(futures, 1):
            runs.extend(future.result())
            if number % 100 == 0:
                print(
                    f"  {number}/{len(futures)} inputs, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
    report(cases, runs, options.show, time.perf_counter() - started)
    return 1 if any(r.problems for r in runs) else 0


def report(
    cases: list[hostile.Case], runs: list[Run], show: int, elapsed: float
) -> None:
    by_problem: dict[str, list[Run]] = defaultdict(list)
    for run in runs:
        for problem in run.problems:
            by_problem[problem].append(run)
    formats = Counter(c.fmt for c in cases)
    families = Counter(c.family for c in cases)
    commands = Counter(r.command for r in runs)
    statuses = Counter(r.status for r in runs)
    print(
        f"\ninputs: {len(cases)} ({', '.join(f'{k} {v}' for k, v in sorted(formats.items()))})"
    )
    print(f"families: {', '.join(f'{k} {v}' for k, v in sorted(families.items()))}")
    print(
        f"runs: {len(runs)} ({', '.join(f'{k} {v}' for k, v in sorted(commands.items()))})"
    )
    print(
        f"exit status: {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items(), key=str))}"
    )
    slowest = sorted(runs, key=lambda r: -r.seconds)[:3]
    print(
        "slowest: "
        + ", ".join(f"{r.case}/{r.command} {r.seconds:.1f} s" for r in slowest)
    )
    print(
        f"wall time: {elapsed:.0f} s (a shared machine: timings are noisy; run times are CPU s)\n"
    )
    print(f"{'problem':<26} {'runs':>6}  baseline (issue 13)")
    baseline = {
        "traceback": 44,
        "over 10 s": 4,
        "input changed": 1,
        "raw control characters": 15,
        "outside contents": 15,
    }
    for problem in PROBLEMS:
        print(
            f"{problem:<26} {len(by_problem.get(problem, [])):>6}  {baseline.get(problem, '-')}"
        )
    for problem in PROBLEMS:
        runs_here = by_problem.get(problem, [])
        if runs_here:
            listed = sorted({f"{r.case}/{r.command}" for r in runs_here})
            print(
                f"\n{problem}: "
                + ", ".join(listed[:40])
                + (" ..." if len(listed) > 40 else "")
            )
    for problem in PROBLEMS:
        for run in by_problem.get(problem, [])[:show]:
            print(
                f"\n== {problem}: {run.case} ({run.family}, {run.fmt}) / {run.command}\n{run.detail}"
            )


if __name__ == "__main__":
    sys.exit(main())
