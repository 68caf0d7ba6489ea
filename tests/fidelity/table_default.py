"""The measurable rules of 002 (市级实施意见) that preset ``default`` keeps: the
party body's and the secretary's ten-item duties, the two §11 reports and the §12
one-week trigger — the same rules as ``table_city`` for those holders, nothing more.
"""

from tests.fidelity.table_city import LETTERS, PLEDGES, RULES as CITY

RULES = [r for r in CITY if r.holder in ("party", "secretary")] + [
    r for r in CITY if r.holder == "discipline" and r.source == "002 §11"]

__all__ = ["RULES", "LETTERS", "PLEDGES"]
