"""The package tree names the data flow, and imports only point down it:
storage → org → policy → plan → ledger → workspace → documents/exports/check
→ rollup → demo → cli. A lazy import inside a function is an arrow too."""

import ast
from pathlib import Path

import zerenqingdan

PACKAGE = Path(zerenqingdan.__file__).parent
LAYERS = [
    {"errors", "dates", "glossary", "journal", "resources", "storage", "outputs", "__init__"},
    {"org"},
    {"policy"},
    {"plan"},
    {"ledger"},
    {"workspace"},
    {"check", "documents", "exports"},
    {"rollup"},
    {"newunit", "demo"},
    {"cli", "__main__"},
]


def layer_of(module: str) -> int:
    head = module.split(".")[0]
    for index, names in enumerate(LAYERS):
        if head in names:
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    types_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                  and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                  for n in ast.walk(block)}  # a type named for the checker is no arrow
    for node in ast.walk(tree):
        if id(node) in types_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("zerenqingdan"):
            names = [node.module] if node.module != "zerenqingdan" else [
                a.name for a in node.names if not a.name.startswith("__")]
            for name in names:
                yield node.lineno, name.removeprefix("zerenqingdan").lstrip(".")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("zerenqingdan."):
                    yield node.lineno, alias.name.removeprefix("zerenqingdan.")


def test_imports_point_down_the_data_flow():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        mine = layer_of(module)
        for line, target in imports(path):
            if target and layer_of(target) > mine:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_module_has_a_place():
    for path in PACKAGE.rglob("*.py"):
        layer_of(".".join(path.relative_to(PACKAGE).with_suffix("").parts))


def test_repeated_cells_down_the_first_columns_are_merged(tmp_path):
    """=merge 2: one department cell (and one head cell) for all the rows it spans."""
    from docx import Document
    from docx.oxml.ns import qn

    from zerenqingdan.documents.docx_writer import write_docx
    from zerenqingdan.documents.markup import parse
    from zerenqingdan.documents.model import DocumentModel

    text = "\n".join(["=table 科室|负责人|事项", "=merge 2", "=row 办公室|彭刚|甲", "=row 办公室|彭刚|乙",
                      "=row 财务科|莫佳琪|丙", "=row 财务科|张伟|丁"])
    path = tmp_path / "m.docx"
    write_docx(DocumentModel(parse(text, "t"), title="t", author="t"), path)
    table = Document(str(path)).tables[0]
    merges = [[(c.tcPr.find(qn("w:vMerge")).get(qn("w:val")) if c.tcPr is not None and c.tcPr.find(qn("w:vMerge")) is not None
                else None) for c in row._tr.tc_lst][:2] for row in table.rows[1:]]
    assert merges == [["restart", "restart"], [None, None], ["restart", None], [None, None]]
    assert [row.cells[2].text for row in table.rows[1:]] == ["甲", "乙", "丙", "丁"]
    assert table.rows[3].cells[1].text == "莫佳琪" and table.rows[4].cells[1].text == "张伟"  # the head changes: not merged
