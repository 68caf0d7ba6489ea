"""Template name + data → DocumentModel → .docx: the path every document takes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zerenqingdan.documents.markup import parse
from zerenqingdan.documents.model import DocumentModel
from zerenqingdan.documents.templates import render_template


def build_model(template: str, context: dict, unit_dir: Path | None, *, title: str, author: str,
                subject: str = "", created: dt.datetime | None = None) -> DocumentModel:
    text = render_template(template, context, unit_dir)
    return DocumentModel(parse(text, template), title=title, author=author, subject=subject, created=created)


def write_document(template: str, context: dict, unit_dir: Path | None, path: Path, **meta):
    """Render and save; returns the ``outputs.Written`` file."""
    from zerenqingdan import outputs
    from zerenqingdan.documents.docx_writer import write_docx

    path = outputs.prepare(path, ".docx")  # before the work: a bad path costs nothing
    model = build_model(template, context, unit_dir, **meta)
    return write_docx(model, path)
