"""The one place where code names meet their Chinese words.

Code uses the English keys; files, templates and messages use the Chinese.
"""

from __future__ import annotations

ROLES = {
    "secretary": "书记",
    "leader": "班子成员",
    "discipline": "纪检组长",
    "head": "科室负责人",
    "staff": "工作人员",
    "assistant": "专职委员",
}
ROLE_ALIASES = {
    **{code: code for code in ROLES},
    **{label: code for code, label in ROLES.items()},
    "党组书记": "secretary",
    "党委书记": "secretary",
    "党工委书记": "secretary",
    "领导班子成员": "leader",
    "班子副职": "leader",
    "纪委书记": "discipline",
    "纪工委书记": "discipline",
    "派驻纪检组长": "discipline",
    "处室负责人": "head",
    "部门负责人": "head",
    "科长": "head",
    "处长": "head",
    "科员": "staff",
    "干部": "staff",
    "检委会专职委员": "assistant",
    "协助成员": "assistant",
}
ROLE_ORDER = ("secretary", "leader", "discipline", "assistant", "head", "staff")
# assisting members (003's 检委会专职委员) are assessed and talked to, and oversee nothing
LEADERSHIP = ("secretary", "leader", "discipline", "assistant")
# who may be given departments to oversee (分管)
OVERSEERS = ("secretary", "leader", "discipline")

DEPARTMENT_FLAGS = ("人事", "财务", "工程", "审批", "采购", "纪检", "办公室", "政工", "机关党委")
# functional departments that hold duties of their own (003 第七条、第十二条; 004 七(四))
FUNCTION_FLAGS = ("办公室", "政工", "机关党委")
# a 直属单位/二级机构 has its own head, covered like a 科室负责人 (000, 004)
DEPARTMENT_KINDS = ("科室", "直属单位")
DEPARTMENT_KIND_ALIASES = {"科室": "科室", "处室": "科室", "直属单位": "直属单位", "二级机构": "直属单位",
                           "下属单位": "直属单位"}
# the five kinds a secretary must not oversee directly (五个不直接分管)
SENSITIVE_FLAGS = ("人事", "财务", "工程", "审批", "采购")
# a department flagged 纪检 is the discipline body's own office, not business
DISCIPLINE_FLAG = "纪检"

# what a ledger record is, and what fulfils a duty
EVENT_KINDS = {
    "talk": "谈话",
    "lecture": "党课",
    "hearing": "听取汇报",
    "meeting": "会议",
    "report": "报告",
    "signing": "签订",
    "inspection": "检查调研",
    "opinion": "廉政意见",
    "appointment": "干部任用",
    "other": "其他",
}

PARTY_BODIES = ("党组", "党委", "党工委")
DISCIPLINE_BODIES = ("纪检组", "纪委", "纪工委", "驻局纪检组")
DISCIPLINE_HEAD_TITLES = {
    "纪检组": "纪检组长",
    "驻局纪检组": "纪检组长",
    "纪委": "纪委书记",
    "纪工委": "纪工委书记",
}


def role_code(text: str) -> str | None:
    return ROLE_ALIASES.get(text.strip())


def role_label(code: str, discipline_body: str = "纪检组") -> str:
    if code == "discipline":
        return DISCIPLINE_HEAD_TITLES.get(discipline_body, "纪检组长")
    return ROLES[code]


def role_choices() -> str:
    return "/".join(ROLES.values())
