"""zr（责任清单）：党风廉政建设“两个责任”清单、台账与文书。

数据流：组织架构（orgchart）→ 责任清单目录（catalog）→ 年度计划（plan）；
台账（ledger）→ 进度（progress）→ 报告与文书（documents）。
"""

__version__ = "0.1.0"
