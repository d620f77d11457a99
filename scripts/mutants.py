#!/usr/bin/env python3
"""The mutation check: does a realistic one-line bug make some test fail?

Each mutant in tests/mutants/*.txt replaces one snippet on one line of a source file
(a flipped comparison, a dropped condition, a write moved outside its transaction).
The tool copies the working tree to build/mutants/src (the tree itself is never
written, so it stays clean whatever happens: an interrupt, a kill, a full disk),
builds it once, checks that every test the list names passes unmutated, then for
each mutant: applies it to the copy, rebuilds incrementally, runs the named tests
and restores the line. A mutant is killed when a test fails (or times out), survives
when all pass. Equivalent mutants (no behaviour can change) are listed with their
reason and not counted. Run it through scripts/mutants.sh, which starts PostgreSQL.

Mutant lines (fields separated by " | "; a snippet must not itself contain " | "):
    path:line | from | to | tests [| equivalent: why]
    + path:line | from | to          (a further edit of the mutant above, e.g. to move a
                                      statement: delete it on one line, add it on another)
tests: space-separated unit, integration or kiosk, each optionally with a gtest
filter after a colon (unit:Desk.*:Token*); a filter only narrows the run, so a mutant
killed with it would also be killed by the whole binary.
"""
from __future__ import annotations

import argparse
import dataclasses
import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARIES = {
    "unit": ("openhouse_tests", "tests/openhouse_tests"),
    "integration": ("openhouse_integration_tests", "tests/integration/openhouse_integration_tests"),
    "kiosk": ("openhouse_kiosk_tests", "tests/kiosk/openhouse_kiosk_tests"),
}


@dataclasses.dataclass
class Edit:
    path: str
    line: int
    before: str
    after: str

    def label(self) -> str:
        return f"{self.path}:{self.line}  {self.before.strip()}  ->  {self.after.strip() or '(nothing)'}"


@dataclasses.dataclass
class Mutant:
    ident: str
    edits: list[Edit]
    tests: list[tuple[str, str]]  # (binary key, gtest filter or "")
    equivalent: str = ""

    @property
    def path(self) -> str:
        return self.edits[0].path

    def label(self) -> str:
        return "\n{:>16}".format("").join(edit.label() for edit in self.edits)


class ListError(Exception):
    pass


def parse_tests(text: str, where: str) -> list[tuple[str, str]]:
    tests = []
    for word in text.split():
        key, _, flt = word.partition(":")
        if key not in BINARIES:
            raise ListError(f"{where}: unknown test binary '{key}' (unit, integration or kiosk)")
        tests.append((key, flt))
    if not tests:
        raise ListError(f"{where}: no tests named")
    return tests


def parse_edit(location: str, before: str, after: str, where: str) -> Edit:
    file_part, _, line_part = location.strip().rpartition(":")
    if not file_part or not line_part.isdigit():
        raise ListError(f"{where}: '{location}' is not path:line")
    if not before.strip():
        raise ListError(f"{where}: the 'from' snippet is empty")
    return Edit(file_part, int(line_part), before, after)


def parse_list(path: Path) -> list[Mutant]:
    mutants = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{os.path.relpath(path, ROOT)}:{number}"
        fields = raw.split(" | ")
        if raw.startswith("+ "):
            if not mutants or len(fields) != 3:
                raise ListError(f"{where}: '+ path:line | from | to' continues the mutant above it")
            mutants[-1].edits.append(parse_edit(fields[0][2:], fields[1], fields[2], where))
            continue
        if len(fields) not in (4, 5):
            raise ListError(f"{where}: expected 'path:line | from | to | tests [| equivalent: why]'")
        location, before, after, tests = fields[:4]
        edit = parse_edit(location, before, after, where)
        equivalent = ""
        if len(fields) == 5:
            mark = fields[4].strip()
            if not mark.startswith("equivalent:") or not mark[len("equivalent:"):].strip():
                raise ListError(f"{where}: the fifth field must be 'equivalent: <why>'")
            equivalent = mark[len("equivalent:"):].strip()
        mutants.append(Mutant(f"{path.stem}-{len(mutants) + 1}", [edit], parse_tests(tests, where),
                              equivalent))
    return mutants


def mutated_files(mutant: Mutant, tree: Path) -> dict[str, str]:
    """Each file the mutant changes, with its mutated text; ListError when the list went
    stale (a snippet is no longer exactly once on its line)."""
    texts: dict[str, list[str]] = {}
    for edit in mutant.edits:
        source = tree / edit.path
        if not source.is_file():
            raise ListError(f"{mutant.ident}: {edit.path} does not exist")
        lines = texts.setdefault(edit.path, source.read_text(encoding="utf-8").split("\n"))
        if edit.line > len(lines) or lines[edit.line - 1].count(edit.before) != 1:
            raise ListError(f"{mutant.ident}: '{edit.before}' is not exactly once on "
                            f"{edit.path}:{edit.line} (the source moved: update the list)")
        lines[edit.line - 1] = lines[edit.line - 1].replace(edit.before, edit.after)
    return {path: "\n".join(lines) for path, lines in texts.items()}


def relocate(lists: list[Path], window: int = 60) -> int:
    """Rewrites the line numbers of edits whose snippet moved: the nearest line within
    `window` lines that holds the snippet exactly once, when there is exactly one nearest.
    Returns how many edits are still stale."""
    stale = 0
    for path in lists:
        out, changed = [], False
        for raw in path.read_text(encoding="utf-8").splitlines():
            fields = raw.split(" | ")
            body = raw[2:] if raw.startswith("+ ") else raw
            if raw.lstrip().startswith("#") or len(fields) < 3:
                out.append(raw)
                continue
            location = body.split(" | ")[0]
            file_part, _, line_part = location.strip().rpartition(":")
            source = ROOT / file_part
            before = fields[1]
            if not source.is_file() or not line_part.isdigit():
                out.append(raw)
                continue
            lines = source.read_text(encoding="utf-8").split("\n")
            line = int(line_part)
            if line <= len(lines) and lines[line - 1].count(before) == 1:
                out.append(raw)
                continue
            near = sorted((abs(n + 1 - line), n + 1) for n, text in enumerate(lines)
                          if text.count(before) == 1 and abs(n + 1 - line) <= window)
            if not near or (len(near) > 1 and near[0][0] == near[1][0]):
                print(f"mutants: {path.name}: cannot relocate '{before}' near {location.strip()}")
                stale += 1
                out.append(raw)
                continue
            prefix = "+ " if raw.startswith("+ ") else ""
            out.append(prefix + f"{file_part}:{near[0][1]}" + raw[len(prefix) + len(location.rstrip()):])
            changed = True
        if changed:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return stale


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, check=True, capture_output=True).stdout
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def sync_copy(copy: Path) -> None:
    """Mirror the working tree into copy, touching only files whose bytes differ, so the
    incremental build there rebuilds just what changed (and undoes any mutant left behind
    by a killed run)."""
    wanted = set(tracked_files())
    for name in sorted(wanted):
        target = copy / name
        if target.is_file() and filecmp.cmp(ROOT / name, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Not copy2: the copy must be newer than what the last run built from it, or the
        # incremental build keeps the old object (the tree's mtime may be older than it).
        shutil.copy(ROOT / name, target)
    for path in list(copy.rglob("*")):
        if path.is_file() and str(path.relative_to(copy)) not in wanted:
            path.unlink()


def run(cmd: list[str], timeout: float | None = None, env: dict | None = None,
        cwd: Path | None = None) -> tuple[int, str, float]:
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            cwd=cwd, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        code = None
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return code, output.decode(errors="replace"), time.monotonic() - started


class Runner:
    def __init__(self, copy: Path, build: Path, verbose: bool):
        self.copy, self.build, self.verbose = copy, build, verbose
        self.baseline_seconds: dict[tuple[str, str], float] = {}
        self.baseline_counts: dict[tuple[str, str], int] = {}
        self.env = dict(os.environ, SDL_VIDEODRIVER="offscreen", GTEST_COLOR="no")

    def configure(self) -> None:
        code, out, _ = run(["cmake", "-S", str(self.copy), "-B", str(self.build), "-G", "Ninja",
                            "-DCMAKE_BUILD_TYPE=Release", "-DOPENHOUSE_BUILD_BENCH=OFF"])
        if code != 0:
            sys.exit(f"mutants: cmake configure failed:\n{out}")

    def build_targets(self, keys: set[str]) -> tuple[bool, str]:
        targets = [BINARIES[key][0] for key in sorted(keys)]
        code, out, _ = run(["cmake", "--build", str(self.build), "--target", *targets])
        return code == 0, out

    def run_test(self, key: str, flt: str, timeout: float | None) -> tuple[str, str]:
        """'pass', 'fail' or 'timeout', and the failing test names."""
        binary = self.build / BINARIES[key][1]
        cmd = [str(binary), "--gtest_brief=1"]
        if flt:
            cmd.append(f"--gtest_filter={flt}")
        if timeout is not None:
            cmd.append("--gtest_fail_fast")
        code, out, seconds = run(cmd, timeout=timeout, env=self.env, cwd=binary.parent)
        if timeout is None:
            self.baseline_seconds[(key, flt)] = seconds
            ran = re.search(r"^\[==========\] (\d+) tests? from", out, flags=re.MULTILINE)
            self.baseline_counts[(key, flt)] = int(ran.group(1)) if ran else 0
        if code is None:
            return "timeout", ""
        failed = re.findall(r"^\[  FAILED  \] (\S+\.\S+)", out, flags=re.MULTILINE)
        if self.verbose and code != 0:
            print(out[-3000:])
        return ("pass" if code == 0 else "fail"), ", ".join(dict.fromkeys(failed))

    def timeout_for(self, key: str, flt: str) -> float:
        return 5 * self.baseline_seconds[(key, flt)] + 60


def baseline(runner: Runner, mutants: list[Mutant]) -> None:
    keys = {key for m in mutants for key, _ in m.tests}
    print(f"mutants: building {', '.join(BINARIES[k][0] for k in sorted(keys))} (unmutated)", flush=True)
    ok, out = runner.build_targets(keys)
    if not ok:
        sys.exit(f"mutants: the unmutated tree does not build:\n{out[-4000:]}")
    for key, flt in sorted({t for m in mutants if not m.equivalent for t in m.tests}):
        verdict, failed = runner.run_test(key, flt, None)
        if verdict != "pass":
            sys.exit(f"mutants: the unmutated tests fail ({key}:{flt or '*'}: {failed}); "
                     "fix them first, or every mutant would look killed")
        if runner.baseline_counts[(key, flt)] == 0:
            sys.exit(f"mutants: the filter {key}:{flt} selects no test, so its mutants could "
                     "only survive (parameterised suites start with 'Central/': use '*Suite*')")
    print(f"mutants: {len(runner.baseline_seconds)} test selections pass unmutated", flush=True)


def try_mutant(runner: Runner, mutant: Mutant) -> tuple[str, str]:
    changed = mutated_files(mutant, runner.copy)
    originals = {path: (runner.copy / path).read_bytes() for path in changed}
    try:
        for path, text in changed.items():
            (runner.copy / path).write_text(text, encoding="utf-8")
        ok, out = runner.build_targets({key for key, _ in mutant.tests})
        if not ok:
            errors = [line for line in out.splitlines() if "error" in line][:3]
            return "INVALID", "does not build: " + " / ".join(errors)
        for key, flt in mutant.tests:
            verdict, failed = runner.run_test(key, flt, runner.timeout_for(key, flt))
            if verdict == "fail":
                return "KILLED", f"{BINARIES[key][0]}: {failed or 'failed'}"
            if verdict == "timeout":
                return "KILLED", f"{BINARIES[key][0]}: timed out"
        return "SURVIVED", "every named test passed"
    finally:
        for path, data in originals.items():
            (runner.copy / path).write_bytes(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", nargs="*", help="mutant lists (default: tests/mutants/*.txt)")
    parser.add_argument("--only", help="run only mutants whose id or path contains this")
    parser.add_argument("--min-score", type=float, default=90.0)
    parser.add_argument("--build-dir", default=str(ROOT / "build" / "mutants"))
    parser.add_argument("--check", action="store_true", help="only check that the lists apply")
    parser.add_argument("--relocate", action="store_true",
                        help="rewrite the line numbers of snippets that moved, then check")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    lists = [Path(p).resolve() for p in args.lists] or sorted((ROOT / "tests" / "mutants").glob("*.txt"))
    if args.relocate:
        if relocate(lists):
            return 2
        args.check = True
    try:
        mutants = [m for path in lists for m in parse_list(path)]
        for m in mutants:
            mutated_files(m, ROOT)
    except ListError as error:
        print(f"mutants: {error}", file=sys.stderr)
        return 2
    if args.only:
        mutants = [m for m in mutants if args.only in m.ident or args.only in m.path]
    if args.check:
        print(f"mutants: {len(mutants)} mutants apply to the tree")
        return 0

    work = Path(args.build_dir)
    runner = Runner(work / "src", work / "build", args.verbose)
    runner.copy.mkdir(parents=True, exist_ok=True)
    sync_copy(runner.copy)
    runner.configure()
    baseline(runner, mutants)

    tally = {"KILLED": 0, "SURVIVED": 0, "INVALID": 0, "EQUIVALENT": 0}
    for index, mutant in enumerate(mutants, start=1):
        if mutant.equivalent:
            verdict, why = "EQUIVALENT", mutant.equivalent
        else:
            verdict, why = try_mutant(runner, mutant)
        tally[verdict] += 1
        print(f"[{index}/{len(mutants)}] {verdict:<10} {mutant.ident:<14} {mutant.label()}\n"
              f"{'':>16}{why}", flush=True)

    counted = tally["KILLED"] + tally["SURVIVED"]
    score = 100.0 * tally["KILLED"] / counted if counted else 0.0
    print(f"\nmutants: {len(mutants)} in all: {tally['KILLED']} killed, {tally['SURVIVED']} survived, "
          f"{tally['EQUIVALENT']} equivalent (not counted), {tally['INVALID']} invalid")
    print(f"mutation score: {tally['KILLED']}/{counted} = {score:.1f} % (minimum {args.min_score:.0f} %)")
    if tally["INVALID"]:
        return 2
    return 0 if score >= args.min_score else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
