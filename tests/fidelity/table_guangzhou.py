"""What seed 001 (广州市委, 穗字〔2014〕11号) states, read article by article.

Two opinions bound together: the 主体责任 opinion (cited "001 三(一)") and the
纪委监督责任 opinion (cited with the label 纪委意见: "001 纪委意见三(一)").
No number in the document → count None (frequency 定期/及时…); as-needed → count 0;
triggered duties have period None and (as the loader reads them) count 1.
"""

from tests.fidelity.rules import Rule, Letter, Pledge

RULES = [
    # ---- 党委领导班子（集体） ----
    # 二(一) “定期听取党风廉政建设和反腐败工作情况汇报”
    Rule("001 二(一)", "party", "hearing", "听取汇报", None, "year"),
    # 三(一) “进一步完善党委中心组学习制度，定期组织领导班子成员认真学习……”
    Rule("001 三(一)", "party", "meeting", "中心组学习", None, "year"),
    # 三(一) “党委领导班子每半年组织开展一次党风廉政建设专题学习”
    Rule("001 三(一)", "party", "meeting", "廉政专题学习", 1, "half"),
    # 三(一) “党委领导班子每年对管辖范围内……进行一次专题分析”
    Rule("001 三(一)", "party", "meeting", "专题分析会", 1, "year"),
    # 三(二) “坚持每年初……研究制定……工作计划……明确任务分工” (when 年初, no date)
    Rule("001 三(二)", "party", "report", "工作计划", 1, "year", when="年初"),
    # 四(二) “每年12月底前以正式文件形式，向上一级党委和纪委提交……情况报告”
    Rule("001 四(二)", "party", "report", "主体责任报告", 1, "year",
         deadline="12-31", recipients=("上级党委", "上级纪委")),

    # ---- 党委主要负责人 ----
    # 三(一) “党委主要负责人每年为党员领导干部上一次廉政党课”
    Rule("001 三(一)", "secretary", "lecture", "廉政党课", 1, "year"),
    # 三(一) “党委主要负责人每年带队开展一次有关党风廉政建设的调研活动”
    Rule("001 三(一)", "secretary", "inspection", "调研", 1, "year"),
    # 三(一) “听取一次党委领导班子其他成员关于分管范围内的……情况汇报”
    Rule("001 三(一)", "secretary", "hearing", "听取汇报", 1, "year", scope="leaders"),
    # 三(二) “及时传达上级……部署要求，结合实际进行专题研究和安排部署”
    Rule("001 三(二)", "secretary", "meeting", "专题研究部署", None, "year"),
    # 三(二) “及时听取办案情况汇报，对重点案件进行跟踪督办”；三(五) “及时听取办案进展情况汇报”
    Rule("001 三(二)；001 三(五)", "secretary", "hearing", "听取办案汇报", None, "year"),
    # 四(一) “对党风廉政建设责任分工……要进行审阅，提出意见并签名”
    Rule("001 四(一)", "secretary", "signing", "责任分工签字背书", 1, None,
         trigger="report:工作计划"),
    # 四(一) “……责任落实情况……要进行审阅，提出意见并签名”
    Rule("001 四(一)", "secretary", "signing", "落实情况签字背书", 1, None,
         trigger="report:主体责任报告"),
    # 四(一) “……年终工作总结报告等具体责任行为要进行审阅，提出意见并签名”
    Rule("001 四(一)", "secretary", "signing", "年终总结签字背书", 1, "year", when="年终"),
    # 四(二) “市直部门和市属国企党组织主要负责同志每年向市委提交述责述廉述德报告”
    Rule("001 四(二)", "secretary", "report", "述责述廉述德报告", 1, "year",
         recipients=("上级党委",)),
    # 四(二) “……单位党组织主要负责人向纪委全会述责述廉述德并接受评议”；纪委意见三(二) selective (≥6 人/次)
    Rule("001 四(二)；001 纪委意见三(二)", "secretary", "report", "述责述廉述德", 0, "year"),

    # ---- 班子其他成员 ----
    # 三(二) “定期研究、布置、检查和报告分管范围内的党风廉政建设工作情况”
    Rule("001 三(二)", "leader", "meeting", "分管工作研究部署", None, "year"),
    # 三(二) “定期……检查”；三(四) “对分管部门、单位及其负责人……进行督促检查”
    Rule("001 三(二)；001 三(四)", "leader", "inspection", "监督检查", None, "year",
         scope="overseen_departments"),
    # 三(二) “定期……报告分管范围内的党风廉政建设工作情况”
    Rule("001 三(二)", "leader", "report", "分管情况报告", None, "year"),
    # 三(四) “发现苗头性、倾向性问题早提醒、早纠正”
    Rule("001 三(四)", "leader", "talk", "提醒谈话", 0, "year"),

    # ---- 纪委 ----
    # 纪委意见二(四) “定期开展领导干部廉政谈话活动，由纪委领导班子成员与新提任领导干部进行廉政谈话”
    Rule("001 纪委意见二(四)", "discipline", "talk", "廉政谈话", 1, None,
         scope="trigger_people", trigger="appointment:选拔任用"),
    # 纪委意见二(四) “定期举办党纪政纪法纪培训班”
    Rule("001 纪委意见二(四)", "discipline", "lecture", "党纪政纪法纪培训班", None, "year"),
    # 纪委意见二(三) “线索处置和案件查办在向同级党委报告的同时必须向上级纪委报告”；二(五) same
    Rule("001 纪委意见二(三)；001 二(五)", "discipline", "report", "线索处置和案件查办报告", 0, "year",
         recipients=("党组", "上级纪委")),
    # 纪委意见三(一) “开展同级纪委委员集中调研活动并形成调研报告” (no number)
    Rule("001 纪委意见三(一)", "discipline", "inspection", "纪委委员集中调研", None, "year"),
    # 纪委意见三(一) “各级纪委每年12月底前以书面形式向上级纪委报告……监督责任落实情况”
    Rule("001 纪委意见三(一)", "discipline", "report", "监督责任报告", 1, "year",
         deadline="12-31", recipients=("上级纪委",)),
    # 纪委意见三(二) “每年至少开展一次‘三述’活动……每次参加……人数不少于6人”
    Rule("001 纪委意见三(二)", "discipline", "meeting", "三述活动", 0, "year"),  # the yearly quota is the 市、区纪委's
    # 纪委意见三(三) “纪委领导班子成员要定期对下级党委和部门主要负责人……进行约谈”
    Rule("001 纪委意见三(三)", "discipline", "talk", "约谈", None, "year"),
    # 纪委意见三(三) “……问题较多的部门、单位主要负责人和纪委书记要及时进行约谈，督促整改”
    Rule("001 纪委意见三(三)", "discipline", "talk", "督促整改约谈", None, "year"),
    # 纪委意见三(五) “建立健全责任追究案件定期报告制度”
    Rule("001 纪委意见三(五)", "discipline", "report", "责任追究案件报告", None, "year"),
]

LETTERS: list[Letter] = []  # 001 has no per-member 责任书; 四(一) is a sign-off, not a letter

PLEDGES: list[Pledge] = []  # 001 has no 承诺书
