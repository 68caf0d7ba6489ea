"""The README works as written: every example of its “在示例单位上试一试” runs
against zr demo, as printed, and succeeds."""

import os
import shlex
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def examples() -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("<!-- ci:examples -->") + 2  # the marker, then the opening fence
    block = lines[start:lines.index("```", start)]
    return [line for line in block if line.strip() and not line.startswith("#")]


def test_the_examples_are_there_and_cover_the_everyday_commands():
    commands = {shlex.split(line)[1] for line in examples() if line.startswith("zr ")}
    assert {"org", "plan", "log", "status", "due", "docs", "report", "export", "check"} <= commands


def test_every_readme_example_runs_against_the_demo(zr, tmp_path):
    assert zr("demo", tmp_path / "zr-demo").code == 0
    os.chdir(tmp_path)
    for line in examples():
        words = shlex.split(line)
        if words[0] == "cd":
            os.chdir(words[1])
            continue
        assert words[0] == "zr", line
        result = zr(*words[1:])
        assert result.code == 0, f"{line}\n{result.err}"
        assert not result.err.startswith("错误"), line
