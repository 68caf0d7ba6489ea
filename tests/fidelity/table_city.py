"""The measurable rules of 002 (市级实施意见), read article by article, for preset ``city``.

Citations: 002 §N is the numbered article N. (the text numbers them 1.–17.);
“002 末段” is the unnumbered closing paragraph after §17.
"""

from tests.fidelity.rules import Letter, Pledge, Rule

RULES = [
    # ---- 党委（党组）领导班子, §4, §10, §11, §12
    # §4(1) “定期召开党风廉政建设和反腐败工作专题会议”
    Rule("002 §4(1)", "party", "meeting", "专题会议", None, "year"),
    # §10 “主体责任人……对……责任分工、任务分解、年终工作总结报告……进行审查，提出意见并签名”
    Rule("002 §10", "party", "signing", "签字背书", 0, "year"),
    # §4(6) “及时研究解决群众反映强烈的突出问题”；§4(7) “及时协调解决重大问题”
    Rule("002 §4(6)；002 §4(7)", "party", "meeting", "研究解决问题", None, "year"),
    # §4(7) “定期听取党风廉政建设和反腐败工作情况汇报”
    Rule("002 §4(7)", "party", "hearing", "听取汇报", None, "year"),
    # §11 “每年1月底前，以书面形式，分别向上一级党委和纪委报告上年度……”
    Rule("002 §11", "party", "report", "年度报告", 1, "year", deadline="01-31", due_next_year=True,
         recipients=("上级党委", "上级纪委")),
    # §4(10) “每年年底向市委和市纪委报告责任制落实情况” (conflicts with §11; both kept)
    Rule("002 §4(10)", "party", "report", "责任制落实情况报告", 1, "year", deadline="12-31",
         recipients=("上级党委", "上级纪委")),
    # §12 “民主生活会召开后……应在一周内将会议基本情况、会议记录……报上级纪委”
    Rule("002 §12", "party", "report", "民主生活会情况报送", 1, None, recipients=("上级纪委",),
         trigger="meeting:民主生活会+7"),
    # §10 “各级党委（党组）和纪委（纪检组）……与责任对象签订党风廉政建设责任书”
    Rule("002 §10", "party", "signing", "责任书", None, "year", scope="heads"),
    # ---- 主要负责人, §4(9), §5, §12, §13, §14
    # §4(9) “主要负责人要在上级巡视前亲自动员部署”
    Rule("002 §4(9)", "secretary", "meeting", "巡视动员部署", 1, None, trigger="inspection:上级巡视:before"),
    # §12 “班子主要负责人是否在民主生活会上对班子成员廉政点评”；“上次民主生活会” (a yearly series)
    Rule("002 §12", "secretary", "meeting", "民主生活会", None, "year"),  # no number in 002
    # §5(3) “通过主持中心组廉政专题学习……” (no number)
    Rule("002 §5(3)", "secretary", "meeting", "中心组学习", None, "year"),
    # §5(3) “主讲廉政党课” (no number)
    Rule("002 §5(3)", "secretary", "lecture", "廉政党课", None, "year"),
    # §13 “每位……主要负责人在任期内每年述责述廉不少于1次”, to the 全委会; §5(6) “公开述责述廉”
    Rule("002 §13；002 §5(6)", "secretary", "report", "述责述廉", 1, "year"),
    # §5(4) “组织开展……检查考核”；§4(10) “班子成员带队参加年度考核”
    Rule("002 §5(4)；002 §4(10)", "secretary", "meeting", "检查考核", 1, "year"),
    # §5(4) “约谈检查考核末位……的单位负责人” (no time limit)
    Rule("002 §5(4)", "secretary", "talk", "约谈", 1, None, trigger="meeting:检查考核"),
    # §14 “主要负责人和领导班子成员……每年廉政谈话不少于一次”
    Rule("002 §14", "secretary", "talk", "廉政谈话", 1, "year", scope="leaders"),
    # §14 “……分管联系部门主要负责人每年廉政谈话不少于一次”
    Rule("002 §14", "secretary", "talk", "廉政谈话", 1, "year", scope="overseen_heads"),
    # §5(2) “定期主持召开党委常委会（党组会议）……听取同级纪委（纪检组）……工作汇报”
    Rule("002 §5(2)", "secretary", "hearing", "听取汇报", None, "year", scope="discipline_head"),
    # §5(6) “签订廉洁从政承诺书”
    Rule("002 §5(6)", "secretary", "signing", "承诺书", None, "year"),
    # §5(6) “公布个人权力行使清单”
    Rule("002 §5(6)", "secretary", "report", "个人权力行使清单", None, "year"),
    # §5(6) “报告个人有关事项”
    Rule("002 §5(6)", "secretary", "report", "个人有关事项", None, "year"),
    # ---- 班子其他成员, §6, §13
    # §6(1) “定期研究、布置、检查和报告分管范围内的党风廉政建设工作情况”
    Rule("002 §6(1)", "leader", "report", "分管情况报告", None, "year"),
    # §6(3) “定期不定期对分管部门及其负责人……进行督促检查”
    Rule("002 §6(3)", "leader", "inspection", "监督检查", None, "year", scope="overseen_departments"),
    # §13 “班子其他成员每年向纪委（纪检组）开展书面述责述廉”
    Rule("002 §13", "leader", "report", "述责述廉", 1, "year", recipients=("纪检组",)),
    # ---- 纪委（纪检组）, §7, §9, §10, §11, §17, 末段
    # §11 “各级纪委（纪检组）每年1月底前……分别向同级党委（党组）和上级纪委报告上年度……”
    Rule("002 §11", "discipline", "report", "监督报告", 1, "year", deadline="01-31", due_next_year=True,
         recipients=("党组", "上级纪委")),
    # §7(3) “线索处置和案件查办在向同级党委（党组）报告的同时必须向上级纪委报告”; §9 the same
    Rule("002 §7(3)；002 §9", "discipline", "report", "线索处置和案件查办报告", 0, "year",
         recipients=("党组", "上级纪委")),
    # §10 “……监督责任人要对……进行审查，提出意见并签名”
    Rule("002 §10", "discipline", "signing", "签字背书", 0, "year"),
    # §17 “应在每季度末，将责任追究季报表和典型案例报上级纪委”
    Rule("002 §17", "discipline", "report", "责任追究季报", 1, "quarter", recipients=("上级纪委",)),
    # 末段 “各级纪检监察机关……每年年底督促和考核‘两个责任’贯彻执行情况”
    Rule("002 末段", "discipline", "inspection", "督促考核", 1, "year", deadline="12-31"),
]

# §10 “各级党委（党组）和纪委（纪检组）……与责任对象签订党风廉政建设责任书”
LETTERS = [Letter("bodies", "heads", "002 §10")]

# §5(6) 主要负责人 “签订廉洁从政承诺书”
PLEDGES = [Pledge("廉洁从政", "secretary", None, "002 §5(6)")]
