"""Rendering: jinja2 templates → a small structured text → one .docx writer.

``markup`` parses the structured text a template produces into a document
model; ``docx_writer`` lays any such model out to GB/T 9704; ``templates``
finds a template (the unit's own first) and renders it in a sandbox.
"""
