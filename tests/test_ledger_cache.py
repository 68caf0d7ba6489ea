"""The ledger cache: reused when only appended to, never stale."""

import datetime as dt

from zerenqingdan import ledger as L


def write_entries(path, n, start=1):
    blocks = [L.entry_block(L.Entry(f"2026-{i:04d}", dt.date(2026, 3, 1), "hearing", "听取汇报", ("P001",),
                                    topic=f"第{i}次")) for i in range(start, start + n)]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(blocks))


def test_appended_records_are_read_on_top_of_the_cache(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 3)
    first = L.read_ledger(path, 2026, cache)
    assert (cache / "ledger-2026.marshal").is_file()
    write_entries(path, 2, start=4)
    second = L.read_ledger(path, 2026, cache)
    plain = L.read_ledger(path, 2026)
    assert [e.id for e in second.entries] == [f"2026-{i:04d}" for i in range(1, 6)]
    assert second.entries == plain.entries  # same records, same lines
    assert [e.source.line for e in second.entries] == [e.source.line for e in plain.entries]
    assert first.entries == plain.entries[:3]


def test_an_edit_in_the_middle_is_never_hidden_by_the_cache(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 3)
    L.read_ledger(path, 2026, cache)
    text = path.read_text(encoding="utf-8").replace('topic = "第2次"', 'topic = "第2号"')  # same length
    path.write_text(text, encoding="utf-8")
    assert L.read_ledger(path, 2026, cache).entries[1].topic == "第2号"


def test_a_hand_appended_key_is_read_as_part_of_the_last_record(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 2)
    L.read_ledger(path, 2026, cache)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('note = "补记"\n')
    ledger = L.read_ledger(path, 2026, cache)
    assert ledger.entries[-1].note == "补记"
    assert not ledger.problems


def test_a_broken_cache_is_ignored(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 2)
    cache.mkdir()
    (cache / "ledger-2026.marshal").write_bytes(b"\x00garbage")
    assert len(L.read_ledger(path, 2026, cache).entries) == 2


def test_batches_keep_line_numbers_right(tmp_path, monkeypatch):
    monkeypatch.setattr(L._State, "BATCH", 2)
    path = tmp_path / "2026.toml"
    path.write_text("# 台账\n\n", encoding="utf-8")
    write_entries(path, 7)
    ledger = L.read_ledger(path, 2026)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [e.source.line for e in ledger.entries] == [i + 1 for i, line in enumerate(lines) if line == "[[entry]]"]
    assert [e.source.keypath for e in ledger.entries] == [f"entry[{i}]（2026-{i:04d}）" for i in range(1, 8)]
