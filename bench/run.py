"""zr benchmarks: whole-process timings as ratios to ``python -c "import typer"``.

    python bench/run.py [--runs 5] [--quick]

Builds synthetic workspaces in a temporary folder — small (1 secretary,
6 leaders, 12 departments, 80 people, 400 records), large (200 people,
10,000 records) and huge (2,000 people, 100,000 records) — then times each
command several times as a separate process and prints a Markdown table of
the medians, the ratio to the floor measured in the same run, peak memory,
and whether each target is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # a checkout works without installing

YEAR = 2026
SIZES = {
    "empty": {"leaders": 6, "departments": 12, "people": 80, "records": 0},
    "small": {"leaders": 6, "departments": 12, "people": 80, "records": 400},
    "large": {"leaders": 8, "departments": 20, "people": 200, "records": 10_000},
    "huge": {"leaders": 20, "departments": 150, "people": 2_000, "records": 100_000},
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超霞平刚文华"


def build(root: Path, size: str) -> Path:
    """A synthetic workspace, written directly through zr's own core."""
    spec = SIZES[size]
    return build_unit(root / size, f"基准{size}单位", "procuratorate", spec, random.Random(size))


def build_unit(folder: Path, name: str, preset: str, spec: dict, rng: random.Random, code: str = "") -> Path:
    from zerenqingdan.ledger import store as L
    from zerenqingdan.newunit import UnitSettings, init_workspace
    from zerenqingdan.storage import atomic_write

    ws = init_workspace(folder, UnitSettings(name=name, year=YEAR, preset=preset, code=code,
                                             superior="中共某市委", superior_discipline="中共某市纪委"))
    lines = [ws.config_path.read_text(encoding="utf-8")]
    depts = [f"D{i:03d}" for i in range(1, spec["departments"] + 1)]
    for i, dept in enumerate(depts):
        lines.append(f'[[department]]\nid = "{dept}"\nname = "第{i + 1}科"\nflags = []\n')
    members: list[tuple[str, str, str | None]] = [("P0001", "书记", None), ("P0002", "纪检组长", None)]
    members += [(f"P{i + 3:04d}", "班子成员", None) for i in range(spec["leaders"])]
    for i, dept in enumerate(depts):
        members.append((f"P{len(members) + 1:04d}", "科室负责人", dept))
    while len(members) < spec["people"]:
        members.append((f"P{len(members) + 1:04d}", "工作人员", depts[len(members) % len(depts)]))
    for member_id, role, dept in members:
        person = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        extra = f'department = "{dept}"\n' if dept else ""
        lines.append(f'[[member]]\nid = "{member_id}"\nname = "{person}"\nrole = "{role}"\n{extra}')
    leaders = [m for m, r, _ in members if r == "班子成员"]
    for i, dept in enumerate(depts):
        lines.append(f'[[oversight]]\nmember = "{leaders[i % len(leaders)]}"\ndepartment = "{dept}"\nsince = {YEAR}-01-01\n')
    atomic_write(ws.config_path, "\n".join(lines))

    # the procuratorate's regime (003): the most per-person quotas ("四个一"), so the heaviest plan
    kinds = [("talk", "廉政谈话"), ("talk", "谈心谈话"), ("hearing", "听取汇报"), ("meeting", "党组专题会议"),
             ("lecture", "廉政党课"), ("report", "年度报告"), ("signing", "责任书")]
    people = [m for m, _, _ in members]
    start = dt.date(YEAR, 1, 1)
    blocks = []
    for n in range(spec["records"]):
        kind, type_ = rng.choice(kinds)
        day = start + dt.timedelta(days=rng.randint(0, 300))
        entry = L.Entry(f"{YEAR}-{n + 1:04d}", day, kind, type_, (rng.choice(people),),
                        (rng.choice(people),) if kind in ("talk", "signing") else (),
                        (rng.choice(depts),) if kind == "hearing" else (), "基准记录",
                        recorded_at=_typed(day, rng))
        blocks.append(L.entry_block(entry))
    ws.ledger_dir.mkdir(exist_ok=True)
    (ws.ledger_path(YEAR)).write_text(L._header(YEAR) + "".join(blocks), encoding="utf-8")
    return ws.root


def _typed(day: dt.date, rng: random.Random) -> dt.datetime:
    """When a record was typed in: mostly within a few days; one in twenty is 补记 (over 30 days late)."""
    delay = rng.randint(31, 120) if rng.random() < 0.05 else rng.randint(0, 5)
    typed = min(day + dt.timedelta(days=delay), dt.date(YEAR, 11, 30))
    return dt.datetime(typed.year, typed.month, typed.day, 9, 0, tzinfo=dt.timezone.utc)


ROLLUP_PRESETS = ("city", "procuratorate", "finance", "guangzhou", "renfang", "default")


def build_bundle(args: tuple[str, int]) -> str:
    """One synthetic unit of the roll-up case, exported as a bundle through zr's core, then removed."""
    from zerenqingdan.exports.bundle import build_bundle as pack
    from zerenqingdan.ledger.progress import measure_plan
    from zerenqingdan.plan import build_plan
    from zerenqingdan.workspace import Workspace

    folder, number = args
    rng = random.Random(number)
    people = rng.randint(80, 300)
    spec = {"leaders": rng.randint(4, 9), "departments": rng.randint(8, 25), "people": people,
            "records": rng.randint(300, 3000)}
    root = Path(folder)
    unit = build_unit(root / f"u{number}", f"基准单位{number:03d}", ROLLUP_PRESETS[number % len(ROLLUP_PRESETS)],
                      spec, rng, code=f"U{number:03d}")
    ws = Workspace(unit)
    org = ws.load_org()
    plan = build_plan(org, ws.load_catalog(org, YEAR))
    ledger = ws.load_ledger(YEAR)
    day = dt.date(YEAR, 11, 30)
    entries = ws.entries_until(YEAR, day, ledger)
    data, _, _ = pack(ws, plan, ledger, entries, measure_plan(plan, entries, day), day)
    (root / "bundles" / f"U{number:03d}.zip").write_bytes(data)
    shutil.rmtree(unit)
    return f"U{number:03d}"


def build_bundles(root: Path, count: int) -> None:
    from concurrent.futures import ProcessPoolExecutor

    (root / "bundles").mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(os.cpu_count() or 2) as pool:
        list(pool.map(build_bundle, [(str(root), n) for n in range(count)], chunksize=8))


def _tree_rss(pid: int) -> float:
    """Resident memory (MB) of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            sizes[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, grown = {pid}, True
    while grown:
        grown = False
        for child, parent in parents.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grown = True
    return sum(sizes.get(p, 0) for p in tree) / 1024 / 1024


def timed(command: list[str], cwd: Path, runs: int, env: dict, reset=None, tree: bool = False) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MB) over ``runs`` runs of a process;
    with ``tree``, the peak of the process and its workers together (sampled)."""
    times, peak = [], 0.0
    for _ in range(runs):
        if reset:
            reset()
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if tree and os.path.isdir("/proc"):
            while proc.poll() is None:
                peak = max(peak, _tree_rss(proc.pid))
                time.sleep(0.1)
            status, usage = proc.returncode, None
            code = status
        else:
            _, status, usage = os.wait4(proc.pid, 0)
            code = os.waitstatus_to_exitcode(status)
        times.append(time.perf_counter() - t0)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{proc.stderr.read().decode()}")
        proc.stderr.close()
        if usage is not None:
            peak = max(peak, usage.ru_maxrss / 1024)
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the huge workspace")
    parser.add_argument("--units", type=int, default=500, help="bundles in the roll-up case (0: skip it)")
    parser.add_argument("--only-rollup", action="store_true", help="only the roll-up case")
    parser.add_argument("--build", nargs=2, metavar=("DIR", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # in a child process, so the parent stays small for RSS readings
        if args.build[1].startswith("bundles:"):
            build_bundles(Path(args.build[0]), int(args.build[1].split(":")[1]))
        else:
            build(Path(args.build[0]), args.build[1])
        return

    zr = shutil.which("zr") or sys.exit("zr is not installed: pip install . first")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("ZR_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: bytecode is cached
    root = Path(tempfile.mkdtemp(prefix="zr-bench-"))
    rows: list[tuple[str, float, float, str]] = []
    try:
        sizes = [] if args.only_rollup else ["small", "large"] + ([] if args.quick else ["huge"])
        t0 = time.perf_counter()
        for size in sizes + ([] if args.only_rollup else ["empty"]):
            subprocess.run([sys.executable, __file__, "--build", str(root), size], check=True, env=env)
        spaces = {size: root / size for size in sizes}
        print(f"<!-- workspaces built in {time.perf_counter() - t0:.1f} s under {root} -->", file=sys.stderr)
        empty = root / "empty"
        if not args.only_rollup:
            (empty / "ledger" / f"{YEAR}.toml").unlink()
        floor_command = [sys.executable, "-c", "import typer"]
        floor, _ = timed(floor_command, root, args.runs * 2, env)
        python = Path(sys.executable)

        def run(label, command, where, target=None, reset=None, runs=args.runs, tree=False):
            # the floor is timed again right beside each command, run for run,
            # so that a busy moment on the machine weighs on both alike
            times, floors, peak = [], [], 0.0
            for _ in range(runs):
                floors.append(timed(floor_command, root, 1, env)[0])
                median, used = timed(command, where, 1, env, reset, tree)
                times.append(median)
                peak = max(peak, used)
            median, local_floor = statistics.median(times), statistics.median(floors)
            rows.append((label, median, peak, target_text(median, local_floor, peak, target), median / local_floor))

        talk = [zr, "log", "talk", "--type", "廉政谈话", "--by", "P0001", "--with", "P0003", "--date", f"{YEAR}-03-05"]
        if not args.only_rollup:
            run("zr --help", [zr, "--help"], root)
            run("zr log talk (empty ledger)", talk, empty, ("ratio", 1.2),
                reset=lambda: empty.joinpath("ledger", f"{YEAR}.toml").unlink(missing_ok=True))
            run("zr log talk (large ledger)", talk, spaces["large"], ("ratio", 1.2))
            for size in sizes:
                target = {"large": ("ratio", 1.6), "huge": ("seconds", 5.0)}.get(size)
                memory = ("memory", 200.0) if size == "huge" else None
                run(f"zr status ({size})", [zr, "status"], spaces[size], target)
                run(f"zr check ({size})", [zr, "check"], spaces[size], target)
                if memory:
                    huge_peak = max(r[2] for r in rows if "huge" in r[0])
                    rows.append(("peak memory (huge)", 0, huge_peak, target_text(0, floor, huge_peak, memory), 0))
            for size in ("small", "large"):
                target = ("seconds", 2.0) if size == "large" else None
                run(f"zr report ({size})", [zr, "report", "-o", str(root / f"r-{size}.docx")], spaces[size], target, runs=3)
                target = ("seconds", 10.0) if size == "large" else None
                run(f"zr docs responsibility --all ({size})",
                    [zr, "docs", "responsibility", "--all", "-o", str(root / f"docs-{size}")], spaces[size], target, runs=2)
            # importing a roster of 2,000 people into an empty unit
            roster = root / "roster.csv"
            people = ["姓名,角色,部门,分管部门,任职起始,任职结束", "王一,书记,,,,"]
            people += [f"领导{i},班子成员,,第{i}科,," for i in range(20)]
            people += [f"员工{i},{'科室负责人' if i < 20 else '工作人员'},第{i % 20}科,,," for i in range(2000)]
            roster.write_text("\n".join(people) + "\n", encoding="utf-8")
            blank = root / "blank"

            def fresh_unit():
                shutil.rmtree(blank, ignore_errors=True)
                subprocess.run([zr, "init", str(blank), "--name", "导入"], check=True, env=env, capture_output=True)

            run("zr org import (2,000 people)", [zr, "org", "import", str(roster)], blank, None,
                reset=fresh_unit, runs=2)
        if args.units:
            rollup_case(root, zr, env, run, args.units)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"floor: `python -c \"import typer\"` = {floor * 1000:.0f} ms ({python.name} {sys.version.split()[0]})\n")
    print("| command | median | × floor | peak MB | target |")
    print("|---|---:|---:|---:|---|")
    for label, median, peak, verdict, times_floor in rows:
        shown = f"{median * 1000:.0f} ms" if median else "—"
        ratio = f"{times_floor:.2f}" if median else "—"
        print(f"| {label} | {shown} | {ratio} | {peak:.0f} | {verdict} |")


def rollup_case(root: Path, zr: str, env: dict, run, count: int) -> None:
    """500 units' bundles (mixed presets, 80–300 people, 300–3,000 records) into one roll-up."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--build", str(root / "units"), f"bundles:{count}"], check=True, env=env)
    print(f"<!-- {count} bundles built in {time.perf_counter() - t0:.0f} s -->", file=sys.stderr)
    home = root / "rollup"

    def fresh_rollup():
        shutil.rmtree(home, ignore_errors=True)
        subprocess.run([zr, "rollup", "init", str(home), "--name", "中共基准县纪委", "--year", str(YEAR)],
                       check=True, env=env, capture_output=True)

    run(f"zr rollup import ({count} bundles)", [zr, "--dir", str(home), "rollup", "import", str(root / "units" / "bundles")], root,
        ("seconds+memory", (60.0, 300.0)), reset=fresh_rollup, runs=1, tree=True)
    shown = subprocess.run([zr, "--dir", str(home), "rollup", "status", "--json"], env=env, capture_output=True, text=True)
    import json

    submitted = json.loads(shown.stdout)["totals"]["submitted"] if shown.returncode == 0 else 0
    if submitted != count:
        raise SystemExit(f"the roll-up holds {submitted} units, not {count}: {shown.stderr}")
    run(f"zr rollup status ({count} units)", [zr, "rollup", "status"], home, ("seconds", 2.0), runs=5)
    run(f"zr rollup status --json ({count} units)", [zr, "rollup", "status", "--json"], home, None, runs=3)
    run(f"zr rollup report ({count} units)", [zr, "rollup", "report", "-o", str(root / "rollup.docx")], home, None, runs=1)
    run(f"zr rollup export xlsx ({count} units)", [zr, "rollup", "export", "xlsx", str(root / "rollup.xlsx")], home,
        None, runs=1)


def target_text(median, floor, peak, target) -> str:
    if target is None:
        return ""
    kind, limit = target
    if kind == "ratio":  # median and floor timed side by side
        ok = median / floor <= limit
        return f"≤ {limit}× {'met' if ok else 'NOT met'}"
    if kind == "seconds":
        ok = median <= limit
        return f"≤ {limit:g} s {'met' if ok else 'NOT met'}"
    if kind == "seconds+memory":
        seconds, megabytes = limit
        ok = median <= seconds and peak <= megabytes
        return f"≤ {seconds:g} s, ≤ {megabytes:g} MB {'met' if ok else 'NOT met'}"
    ok = peak <= limit
    return f"≤ {limit:g} MB {'met' if ok else 'NOT met'}"


if __name__ == "__main__":
    main()
