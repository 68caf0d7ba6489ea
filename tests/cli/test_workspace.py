"""Finding the workspace: upwards from cwd, --dir, ZR_DIR; and a clear no."""

import os


def test_outside_any_workspace_says_how_to_make_one(zr):
    result = zr("org", "show")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == "错误：当前目录及其上级目录中没有 zr 工作区（找不到 zr.toml）"
    assert "zr init" in lines[1] and "zr demo" in lines[1]


def test_found_from_a_subfolder(zr, unit):
    os.chdir(unit / "out")
    assert zr("org", "show", "--json").code == 0


def test_dir_option_and_env_var(zr, unit, tmp_path, monkeypatch):
    os.chdir(tmp_path)
    assert zr("--dir", unit, "org", "depts", "--json").code == 0
    monkeypatch.setenv("ZR_DIR", str(unit))
    assert zr("org", "depts", "--json").code == 0
    monkeypatch.setenv("ZR_DIR", str(tmp_path / "nowhere"))
    result = zr("org", "depts")
    assert result.code == 1
    assert "nowhere 不是 zr 工作区（--dir 或 ZR_DIR 指定的目录中没有 zr.toml）" in result.err


def test_syntax_error_in_zr_toml_is_reported_with_line(zr, unit):
    path = unit / "zr.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("[[department]]")
    lines.append("id = D99")  # unquoted string: invalid TOML
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = zr("org", "show")
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert first == f"错误：zr.toml:{len(lines)}:6: TOML 语法错误：值无效（字符串要加引号，日期写成 2026-03-05）"
    assert "id = D99" in result.err


def test_semantic_errors_name_file_line_and_key_path(zr, small_unit):
    path = small_unit / "zr.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('member = "P008"\nrole = "工作人员"\ndepartment = "D02"',
                        'member = "P008"\nrole = "工作人员"\ndepartment = "D77"\nsince = "2026-13-01"')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('member = "P008"')  # 1-based line of its [[post]], one above
    result = zr("org", "show")
    assert result.code == 1
    assert result.err.splitlines()[0] == "错误：zr.toml 中有 2 处错误，请改正后再试："
    assert f"zr.toml:{line}: post[8]（周明）: 科室 D77 不存在（见 [[department]] 的 id）" in result.err
    assert f"zr.toml:{line}: post[8]（周明）: since“2026-13-01”无效：月份应为 1 至 12" in result.err
