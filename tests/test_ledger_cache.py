"""The ledger cache: a warm read gives exactly what a cold read gives, for
any bytes in the ledger and any bytes in the cache; ids are never reused."""

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zerenqingdan.ledger import store as L
from zerenqingdan.errors import ConfigError, InputError
from zerenqingdan.ledger.record import append_entries, void_entry
from zerenqingdan.workspace import Workspace


def entry(i, topic=None):
    return L.Entry(f"2026-{i:04d}", dt.date(2026, 3, 1), "hearing", "听取汇报", ("P001",), topic=topic or f"第{i}次")


def write_entries(path, n, start=1):
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(L.entry_block(entry(i)) for i in range(start, start + n)))


def observe(path, cache):
    """What a reader sees: the records, or the error, in full."""
    try:
        ledger = L.read_ledger(path, 2026, cache)
    except ConfigError as exc:
        return ("error", exc.message, tuple(exc.details))
    return ("ok", ledger.entries, ledger.voids, ledger.problems, ledger.unreadable)


def cache_files(cache):
    return sorted(cache.glob("ledger-2026.*")) if cache.exists() else []


def test_a_warm_read_equals_a_cold_read_and_is_kept(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 3)
    cold = observe(path, None)
    assert observe(path, cache) == cold
    assert len(cache_files(cache)) == 2  # the base and the delta
    assert observe(path, cache) == cold


def test_zr_appends_are_read_on_top_of_the_cache_not_from_the_whole_file(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    append_entries(ws, [entry(0, f"第{i}条") for i in range(200)], 2026)
    observe(ws.ledger_path(2026), ws.cache_dir)
    append_entries(ws, [entry(0, "又一条")], 2026)
    append_entries(ws, [entry(0, "再一条")], 2026)
    parsed = []
    original = L._State.add_chunk
    monkeypatch.setattr(L._State, "add_chunk", lambda self, text, *a: parsed.append(text) or original(self, text, *a))
    warm = observe(ws.ledger_path(2026), ws.cache_dir)
    assert len(parsed) == 2 and all(text.count("[[entry]]") == 1 for text in parsed)  # only zr's two blocks
    monkeypatch.setattr(L._State, "add_chunk", original)  # (undo() would also undo the chdir)
    assert warm == observe(ws.ledger_path(2026), None)
    assert [e.id for e in warm[1]][-2:] == ["2026-0201", "2026-0202"]


def test_a_hand_appended_single_bracket_table_is_refused_warm_and_cold(tmp_path):
    ws = Workspace(tmp_path)
    append_entries(ws, [entry(0)], 2026)
    path = ws.ledger_path(2026)
    observe(path, ws.cache_dir)  # warm
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n# 手工补记\n[entry]\nid = "2026-0100"\ndate = 2026-03-02\nkind = "hearing"\nby = ["P001"]\n')
    warm, cold = observe(path, ws.cache_dir), observe(path, None)
    assert warm == cold
    assert warm[0] == "error"


def test_an_edit_in_the_middle_is_never_hidden_by_the_cache(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 3)
    observe(path, cache)
    text = path.read_text(encoding="utf-8").replace('topic = "第2次"', 'topic = "第2号"')  # same length
    path.write_text(text, encoding="utf-8")
    assert L.read_ledger(path, 2026, cache).entries[1].topic == "第2号"


def test_a_hand_appended_key_is_read_as_part_of_the_last_record(tmp_path):
    path, cache = tmp_path / "2026.toml", tmp_path / "cache"
    write_entries(path, 2)
    observe(path, cache)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('# 补\nnote = "补记"\n')
    ledger = L.read_ledger(path, 2026, cache)
    assert ledger.entries[-1].note == "补记"
    assert not ledger.problems


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "forge"])
def test_a_damaged_or_forged_cache_is_ignored(tmp_path, damage):
    ws = Workspace(tmp_path)
    append_entries(ws, [entry(0), entry(0, "要作废的")], 2026)
    void_entry(ws, 2026, "2026-0002", "记错了")
    path = ws.ledger_path(2026)
    cold = observe(path, None)
    observe(path, ws.cache_dir)
    [cache] = [c for c in cache_files(ws.cache_dir) if ".marshal." in c.name]
    data = bytearray(cache.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        del data[len(data) // 3:]
    elif damage == "garbage":
        data = bytearray(b"\x00garbage" * 50)
    else:  # a well-formed cache with the right file digest but other records, sealed with another key
        import hashlib
        import marshal

        state = L.read_snapshot(path, None).state
        state.voids = []  # un-void the record
        from zerenqingdan.org.chart import Source

        state.entries.append(entry(99)._replace(source=Source("x", 1, "entry[9]")))  # and add a phantom
        body = marshal.dumps((L.CACHE_FORMAT, len(path.read_bytes()), hashlib.blake2b(path.read_bytes()).hexdigest(),
                              state.dump()))
        seal = hashlib.blake2b(body, key=b"k" * 32, digest_size=32).digest()
        data = bytearray(b"zr-cache-1\n" + seal + body)
    cache.write_bytes(bytes(data))
    assert observe(path, ws.cache_dir) == cold
    assert observe(path, ws.cache_dir) == cold


def test_batches_keep_line_numbers_right(tmp_path, monkeypatch):
    monkeypatch.setattr(L._State, "BATCH", 2)
    path = tmp_path / "2026.toml"
    path.write_text("# 台账\n\n", encoding="utf-8")
    write_entries(path, 7)
    ledger = L.read_ledger(path, 2026)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [e.source.line for e in ledger.entries] == [i + 1 for i, line in enumerate(lines) if line == "[[entry]]"]
    assert [e.source.keypath for e in ledger.entries] == [f"entry[{i}]（2026-{i:04d}）" for i in range(1, 8)]


def test_crlf_ledgers_give_each_record_its_own_line(tmp_path):
    path = tmp_path / "2026.toml"
    write_entries(path, 3)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    ledger = L.read_ledger(path, 2026)
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert [e.source.line for e in ledger.entries] == [i + 1 for i, l in enumerate(lines) if l == "[[entry]]\r"]
    assert len({e.source.line for e in ledger.entries}) == 3


# ---------------------------------------------------------------------------
# any sequence of appends, voids, hand edits and cache tampering

GARBAGE = st.lists(st.sampled_from(["[", "]", "[[entry]]", "[entry]", "=", '"', "\n", "#", "id", " ", "x",
                                     "\x00", "\r\n", "'''", '"""', "2026-0001", "note = 1\n", "\xff",
                                     '\nnote = """\n[[void]]\n"""\n', '\ntopic = """\n[[entry]]\n"""\n']),
                   max_size=12).map("".join)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("log"), st.integers(1, 3)),
        st.tuples(st.just("void"), st.integers(0, 50)),
        st.tuples(st.just("reorder"), st.integers(0, 50)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("comment"), st.integers(0, 200)),
        st.tuples(st.just("value"), st.integers(0, 50)),
        st.tuples(st.just("garbage"), GARBAGE),
        st.tuples(st.just("garbage"), st.sampled_from(['\nnote = """\n[[void]]\n"""\n',
                                                       '\n[[void]]\nentry = "2026-0001"\nreason = """\n[[entry]]\n"""\n'])),
        st.tuples(st.just("repair"), st.just(0)),
        st.tuples(st.just("tamper"), st.integers(0, 10_000)),
        st.tuples(st.just("replay"), st.just(0)),
    ),
    min_size=1, max_size=25,
)


def _blocks(text):
    head, *rest = text.split("\n[[")
    return head, ["\n[[" + block for block in rest]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_warm_equals_cold_and_ids_are_never_reissued(tmp_path_factory, ops):
    root = tmp_path_factory.mktemp("ws")
    ws = Workspace(root)
    path = ws.ledger_path(2026)
    issued: set[str] = set()
    saved_caches: list[tuple] = []
    rng = random.Random(len(ops))
    for op, arg in ops:
        text = path.read_bytes().decode("utf-8", "replace") if path.exists() else ""
        if op == "log":
            try:
                new = append_entries(ws, [entry(0, f"记{i}") for i in range(arg)], 2026)
            except ConfigError:
                assert observe(path, None)[0] == "error" or L.read_snapshot(path, None).state.last[1] is False
                continue
            for e in new:
                assert e.id not in issued, f"{e.id} issued twice"
                issued.add(e.id)
        elif op == "void" and issued:
            try:
                void_entry(ws, 2026, sorted(issued)[arg % len(issued)], "作废")
            except (ConfigError, InputError):
                pass
        elif op in ("reorder", "delete", "value") and text:
            head, blocks = _blocks(text)
            if not blocks:
                continue
            k = arg % len(blocks)
            if op == "reorder":
                blocks[0], blocks[k] = blocks[k], blocks[0]
            elif op == "delete":
                del blocks[k]
            else:
                blocks[k] = blocks[k].replace("听取汇报", "听取 汇报", 1).replace('"P001"', '"P002"', 1)
            path.write_text(head + "".join(blocks), encoding="utf-8")
        elif op == "comment" and text:
            lines = text.split("\n")
            lines.insert(arg % (len(lines) + 1), "# 手工注释")
            path.write_text("\n".join(lines), encoding="utf-8")
        elif op == "garbage" and path.exists():
            with path.open("ab") as handle:
                handle.write(arg.encode("utf-8", "surrogatepass"))
        elif op == "repair" and path.exists():
            if observe(path, None)[0] != "ok":  # the clerk cuts the damage off, as the message asks
                raw = path.read_bytes()
                cut = raw.rfind(b"\n[[")
                path.write_bytes(raw[:max(cut, 0)] + b"\n")
        elif op == "tamper":
            for cache in cache_files(ws.cache_dir):
                data = bytearray(cache.read_bytes())
                if data:
                    data[arg % len(data)] ^= 1 << (arg % 8)
                    cache.write_bytes(bytes(data))
        elif op == "replay":
            if saved_caches:
                name, data = rng.choice(saved_caches)
                (ws.cache_dir / name).write_bytes(data)
        for cache in cache_files(ws.cache_dir):
            saved_caches.append((cache.name, cache.read_bytes()))
        cold = observe(path, None)
        assert observe(path, ws.cache_dir) == cold
        assert observe(path, ws.cache_dir) == cold
