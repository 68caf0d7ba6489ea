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
    from zerenqingdan.ledger import store as L
    from zerenqingdan.newunit import UnitSettings, init_workspace
    from zerenqingdan.storage import atomic_write

    spec = SIZES[size]
    rng = random.Random(size)
    ws = init_workspace(root / size, UnitSettings(name=f"基准{size}单位", year=YEAR, preset="procuratorate",
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
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        extra = f'department = "{dept}"\n' if dept else ""
        lines.append(f'[[member]]\nid = "{member_id}"\nname = "{name}"\nrole = "{role}"\n{extra}')
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
                        recorded_at=dt.datetime(YEAR, 11, 1, 9, 0, tzinfo=dt.timezone.utc))
        blocks.append(L.entry_block(entry))
    ws.ledger_dir.mkdir(exist_ok=True)
    (ws.ledger_path(YEAR)).write_text(L._header(YEAR) + "".join(blocks), encoding="utf-8")
    return ws.root


def timed(command: list[str], cwd: Path, runs: int, env: dict, reset=None) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MB) over ``runs`` runs of a process."""
    times, peak = [], 0.0
    for _ in range(runs):
        if reset:
            reset()
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{proc.stderr.read().decode()}")
        proc.stderr.close()
        peak = max(peak, usage.ru_maxrss / 1024)
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the huge workspace")
    parser.add_argument("--build", nargs=2, metavar=("DIR", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # in a child process, so the parent stays small for RSS readings
        build(Path(args.build[0]), args.build[1])
        return

    zr = shutil.which("zr") or sys.exit("zr is not installed: pip install . first")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("ZR_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: bytecode is cached
    root = Path(tempfile.mkdtemp(prefix="zr-bench-"))
    rows: list[tuple[str, float, float, str]] = []
    try:
        sizes = ["small", "large"] + ([] if args.quick else ["huge"])
        t0 = time.perf_counter()
        for size in sizes + ["empty"]:
            subprocess.run([sys.executable, __file__, "--build", str(root), size], check=True, env=env)
        spaces = {size: root / size for size in sizes}
        print(f"<!-- workspaces built in {time.perf_counter() - t0:.1f} s under {root} -->", file=sys.stderr)
        empty = root / "empty"
        (empty / "ledger" / f"{YEAR}.toml").unlink()
        floor_command = [sys.executable, "-c", "import typer"]
        floor, _ = timed(floor_command, root, args.runs * 2, env)
        python = Path(sys.executable)

        def run(label, command, where, target=None, reset=None, runs=args.runs):
            # the floor is timed again right beside each command, run for run,
            # so that a busy moment on the machine weighs on both alike
            times, floors, peak = [], [], 0.0
            for _ in range(runs):
                floors.append(timed(floor_command, root, 1, env)[0])
                median, used = timed(command, where, 1, env, reset)
                times.append(median)
                peak = max(peak, used)
            median, local_floor = statistics.median(times), statistics.median(floors)
            rows.append((label, median, peak, target_text(median, local_floor, peak, target), median / local_floor))

        talk = [zr, "log", "talk", "--type", "廉政谈话", "--by", "P0001", "--with", "P0003", "--date", f"{YEAR}-03-05"]
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
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"floor: `python -c \"import typer\"` = {floor * 1000:.0f} ms ({python.name} {sys.version.split()[0]})\n")
    print("| command | median | × floor | peak MB | target |")
    print("|---|---:|---:|---:|---|")
    for label, median, peak, verdict, times_floor in rows:
        shown = f"{median * 1000:.0f} ms" if median else "—"
        ratio = f"{times_floor:.2f}" if median else "—"
        print(f"| {label} | {shown} | {ratio} | {peak:.0f} | {verdict} |")


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
    ok = peak <= limit
    return f"≤ {limit:g} MB {'met' if ok else 'NOT met'}"


if __name__ == "__main__":
    main()
