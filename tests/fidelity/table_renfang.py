"""Seed 000 (自治区人防办党组《实施意见》): the measurable rules, read from the seed.

Triggered rules carry count=1 (one per triggering record) and period=None, as
``rule_of`` reduces them. Rules with count=None are the 定期/及时/经常 ones the
unit sets a number for itself; count=0 means recorded as it happens.
"""

from tests.fidelity.rules import Letter, Pledge, Rule

RULES = [
    # ---- 二(一) 党组领导班子的集体责任 ----
    # 二(一)1(1) “研究制定办党风廉政建设的年度工作计划和责任分解”
    Rule("000 二(一)1(1)", "party", "report", "工作计划", 1, "year"),
    # 二(一)2(1) “办党组中心组每年至少安排2次廉政教育学习”
    Rule("000 二(一)2(1)", "party", "meeting", "中心组学习", 2, "year"),
    # 二(一)2(3) “根据职权变化及时梳理、筛查廉政风险点”
    Rule("000 二(一)2(3)", "party", "inspection", "廉政风险排查", None, "year"),
    # 二(一)5(1) “领导小组，每半年召开一次党风廉政形势分析会”
    Rule("000 二(一)5(1)", "party", "meeting", "形势分析会", 1, "half"),
    # 二(一)5(1) “听取机关各处（室）、各直属单位落实党风廉政建设工作情况”
    Rule("000 二(一)5(1)", "party", "hearing", "听取汇报", 1, "half", scope="heads"),
    # 二(一)4(2) “在酝酿党员干部选拔任用和评先评优时，应事先书面征求纪检组意见”
    Rule("000 二(一)4(2)", "party", "opinion", "廉政意见", 1, None, trigger="appointment:before"),
    # 二(一)7(1) “领导和支持纪检监察部门……及时听取工作汇报”
    Rule("000 二(一)7(1)", "party", "hearing", "听取汇报", None, "year", scope="discipline_head"),
    # ---- 二(二) 主要负责人 ----
    # 二(二)1 “定期向上级党委和纪委报告办党组和本人履行主体责任情况”
    Rule("000 二(二)1", "secretary", "report", "履责情况报告", None, "year",
         recipients=("上级党委", "上级纪委")),
    # ---- 二(三) 其他班子成员 ----
    # 二(三)1 “对分管部门……要做到定期研究、布置、检查”
    Rule("000 二(三)1", "leader", "meeting", "研究部署", None, "year"),
    # 二(三)1 “并向党组报告分管范围内的党风廉政建设工作情况”
    Rule("000 二(三)1", "leader", "report", "分管情况报告", None, "year", recipients=("党组",)),
    # 二(三)3 “定期或不定期对分管部门及其负责人……进行督促检查”
    Rule("000 二(三)3", "leader", "inspection", "监督检查", None, "year", scope="overseen_departments"),
    # ---- 处室、直属单位负责人 ----
    # 二(一)5(1) “机关各处（室）、各直属单位主要负责人……及时向党组报告责任制的落实情况”
    Rule("000 二(一)5(1)", "head", "report", "落实情况报告", None, "year", recipients=("党组",)),
    # ---- 三 纪检组 ----
    # 三(一)2 “及时向办党组汇报……主动向办党组书记报告纪检监察工作情况”
    Rule("000 三(一)2", "discipline", "report", "工作汇报", None, "year", recipients=("党组",)),
    # 三(一)2 “及时同领导班子成员交换意见”
    Rule("000 三(一)2", "discipline", "talk", "交换意见", None, "year", scope="leaders"),
    # 三(一)3 “原则上每年组织一次贯彻落实党风廉政建设责任制情况检查考核”
    Rule("000 三(一)3", "discipline", "inspection", "检查考核", 1, "year"),
    # 三(二)3 “对苗头性问题及时约谈” (as it happens)
    Rule("000 三(二)3", "discipline", "talk", "约谈", 0, "year"),
    # 三(二)3 “经常开展理想信念、廉洁自律和警示教育”
    Rule("000 三(二)3", "discipline", "meeting", "警示教育", None, "year"),
    # ---- 四 保障措施 ----
    # 四(一) “办党组和纪检监察机构……与机关各处室和直属事业单位负责人签订党风廉政建设责任书”
    # (no time given: the letters of the year, one with each head)
    Rule("000 四(一)", "party", "signing", "责任书", 1, "year", scope="heads"),
    # 四(二) “办党组每年年初向自治区党委和自治区纪委报告上年度履行党风廉政主体责任的情况”
    Rule("000 四(二)", "party", "report", "年度报告", 1, "year", due_next_year=True,
         recipients=("上级党委", "上级纪委"), when="年初"),
    # 四(二) “纪检监察机构每年年初向自治区纪委和办党组报告履行监督责任情况”
    Rule("000 四(二)", "discipline", "report", "监督报告", 1, "year", due_next_year=True,
         recipients=("上级纪委", "党组"), when="年初"),
    # 四(三) “办党组书记每年向自治区党委上报述职述廉报告”
    Rule("000 四(三)", "secretary", "report", "述职述廉", 1, "year", recipients=("上级党委",)),
    # 四(三) “班子其他成员撰写书面述职述廉报告并在办领导班子民主生活会上进行述职述廉”
    Rule("000 四(三)", "leader", "report", "述职述廉", 1, "year"),
    # 四(三) “机关各处室及直属事业单位负责人结合年度考核工作，在本处室及单位进行述职述廉”
    Rule("000 四(三)", "head", "report", "述职述廉", 1, "year"),
    # 四(四) “办党组书记与领导班子成员……每年廉政谈话不少于一次”
    Rule("000 四(四)", "secretary", "talk", "廉政谈话", 1, "year", scope="leaders"),
    # 四(四) “办党组书记与……机关各处室和直属单位主要负责人……每年廉政谈话不少于一次”
    Rule("000 四(四)", "secretary", "talk", "廉政谈话", 1, "year", scope="heads"),
    # 四(四) “领导班子成员与分管单位负责人……每年廉政谈话不少于一次”
    Rule("000 四(四)", "leader", "talk", "廉政谈话", 1, "year", scope="overseen_heads"),
    # 四(四) “机关各处室、直属事业单位负责人与部属每年廉政谈话不少于一次”
    Rule("000 四(四)", "head", "talk", "廉政谈话", 1, "year", scope="own_people"),
    # 四(四) “对新任的干部进行任前谈话” (no time limit given)
    Rule("000 四(四)", "party", "talk", "任前谈话", 1, None, scope="trigger_people",
         trigger="appointment:选拔任用"),
    # 四(五) “办党组要对……党员领导干部进行戒免谈话” (as it happens)
    Rule("000 四(五)", "party", "talk", "诫勉谈话", 0, "year"),
    # 四(五) heading “健全戒免谈话和函询制度” (as it happens)
    Rule("000 四(五)", "party", "other", "函询", 0, "year"),
]

# 四(一) “办党组和纪检监察机构……与机关各处室和直属事业单位负责人签订党风廉政建设责任书”
LETTERS = [Letter("bodies", "heads", "000 四(一)")]

# 000 has no 承诺书.
PLEDGES = []
