"""004 市财政局实施办法 (党组 / 驻局纪检组, 派驻): the measurable rules, read from
the seed article by article. One Rule per [[duty]] of config/presets/finance.toml."""

from tests.fidelity.rules import Letter, Pledge, Rule

RULES = [
    # --- 局党组领导班子 (二, 七) ---
    # 二(一) “定期召开党风廉政建设和反腐败工作专题会议”
    Rule("004 二(一)", "party", "meeting", "专题会议", None, "year"),
    # 二(一) “每年年初……明确党风廉政建设任务分工的责任领导、责任部门、责任人” (when 年初, no date)
    Rule("004 二(一)", "party", "other", "任务分工", 1, "year", when="年初"),
    # 七(三) “局党组每年6月底、12月底前，分别向市委和市纪委以书面报告”;
    # 二(九) “每年年底向市委和市纪委报告” is the same 12月底 report
    Rule("004 七(三)；004 二(九)", "party", "report", "主体责任报告", 1, "half",
         recipients=("上级党委", "上级纪委")),
    # 二(九) “考核结果要在一定范围内通报”
    Rule("004 二(九)", "party", "report", "考核结果通报", 1, None, trigger="inspection:检查考核"),
    # 七(七) “依据审计和财政监督检查发现的财政资金管理问题……下达廉政风险告知书”
    Rule("004 七(七)", "party", "other", "廉政风险告知书", 1, None, trigger="inspection:审计"),
    Rule("004 七(七)", "party", "other", "廉政风险告知书", 1, None, trigger="inspection:财政监督检查"),
    # --- 局党组书记 (三, 七) ---
    # 三(二) “定期主持召开党组会议，专题研究部署党风廉政建设工作”
    Rule("004 三(二)", "secretary", "meeting", "专题会议", None, "year"),
    # 三(二) “听取驻局纪检组……工作汇报”
    Rule("004 三(二)", "secretary", "hearing", "听取汇报", None, "year", scope="discipline_head"),
    # 三(二) “听取……各科室(单位)工作汇报”
    Rule("004 三(二)", "secretary", "hearing", "听取汇报", None, "year", scope="heads"),
    # 三(四) “组织开展市财政局党风廉政建设责任制落实情况检查考核” (no number)
    Rule("004 三(四)", "secretary", "inspection", "检查考核", None, "year"),
    # 三(四) “约谈检查考核末位……的科室(单位)负责人”
    Rule("004 三(四)", "secretary", "talk", "约谈", 1, None, trigger="inspection:检查考核"),
    # 七(六) “局党组主要负责人与领导班子成员、科室(单位)主要负责人每年廉政谈话不少于1次”
    Rule("004 七(六)", "secretary", "talk", "廉政谈话", 1, "year", scope="leaders_and_heads"),
    # 七(二) “与各科室(单位)签订党风廉政责任书”; 五 “签订党风廉政建设责任书”
    Rule("004 七(二)；004 五", "secretary", "signing", "责任书", None, "year", scope="heads"),  # no period
    # 七(二) “对全局的党风廉政责任分工、任务分解、年终工作总结报告……提出意见并签名”
    Rule("004 七(二)", "secretary", "signing", "签字背书", 0, "year"),  # each time, no number
    # 七(五) “局党组主要负责人每年述责述廉不少于1次” (向市委考核组); 三(六) “公开述责述廉”
    Rule("004 七(五)；004 三(六)", "secretary", "report", "述责述廉", 1, "year"),
    # 三(六) “签订廉洁从政承诺书”
    Rule("004 三(六)", "secretary", "signing", "承诺书", None, "year"),
    # 三(六) “报告个人有关事项”
    Rule("004 三(六)", "secretary", "report", "个人有关事项报告", None, "year"),
    # 七(一) “每年年底逐项对照责任清单……在局内进行公开”
    Rule("004 七(一)", "secretary", "report", "清单公开", 1, "year", deadline="12-31"),
    # --- 班子成员 (四, 七(四)) ---
    # 四(一) “定期研究、部署、检查和汇报分管范围内的党风廉政建设工作情况”
    Rule("004 四(一)", "leader", "report", "分管情况汇报", None, "year"),
    # 四(三) “对分管科室(单位)经常性、常态化的走访”
    Rule("004 四(三)", "leader", "inspection", "走访", None, "year", scope="overseen_departments"),
    # 七(四) “加强对各科室(单位)组织生活会的监督”
    Rule("004 七(四)", "leader", "meeting", "组织生活会", None, "year"),
    # --- 各科室(单位)主要负责人 (五, 七) ---
    # 七(三) “各科室(单位)每年1月中旬前，分别向局党组和驻局纪检组……报告上年度”
    Rule("004 七(三)", "head", "report", "科室履责报告", 1, "year", deadline="01-20",
         due_next_year=True, recipients=("党组", "纪检组")),
    # 七(四) “组织生活会召开后，各科室(单位)应在一周内……报局机关党委”
    Rule("004 七(四)", "head", "report", "组织生活会情况报送", 1, None,
         recipients=("机关党委",), trigger="meeting:组织生活会+7"),
    # 七(五) “各科室(单位)主要负责人每年向局考核组述责述廉不少于1次”; 五 “公开述责述廉”
    Rule("004 七(五)；004 五", "head", "report", "述责述廉", 1, "year"),
    # 七(六) “各科室(单位)负责人与本科室(班子)人员每年廉政谈话不少于1次”
    Rule("004 七(六)", "head", "talk", "廉政谈话", 1, "year", scope="own_people"),
    # 五 “不定期对本科室(单位)党员干部开展党风廉政建设责任制落实情况进行检查”
    Rule("004 五", "head", "inspection", "责任制检查", None, "year"),
    # 五 “按规定报告个人有关事项”
    Rule("004 五", "head", "report", "个人有关事项报告", None, "year"),
    # --- 驻局纪检组 (六, 七) ---
    # 七(三) “纪检组每年1月底前以书面形式向市纪委报告上年度履行……监督责任情况”
    Rule("004 七(三)", "discipline", "report", "监督责任报告", 1, "year", deadline="01-31",
         due_next_year=True, recipients=("上级纪委",)),
    # 七(二) “纪检组监督责任人要对承担的党风廉政建设责任签字背书……提出意见并签名”
    Rule("004 七(二)", "discipline", "signing", "签字背书", 0, "year"),
    # 七(六) “对……发现问题较多、群众来信来访反映较多、民主测评满意度较低的科室(单位)，由纪检组约谈主要负责人”
    Rule("004 七(六)", "discipline", "talk", "约谈", 0, "year"),
    # 七(八) “驻局纪检组负责专项检查局属副县级二级机构单位党风廉政建设情况”
    Rule("004 七(八)", "discipline", "inspection", "专项检查", None, "year"),
    # 七(十) “纪检组应按要求将责任追究报表及典型案例及时上报市纪委”
    Rule("004 七(十)", "discipline", "report", "责任追究报表", None, "year", recipients=("上级纪委",)),
]

LETTERS = [
    # 七(二) “局党组主体责任人和纪检组监督责任人……与各科室(单位)签订党风廉政责任书”
    Letter("bodies", "heads", "004 七(二)"),
]

PLEDGES = [
    # 三(六) “签订廉洁从政承诺书” (the secretary only; 004 asks no staff pledges)
    Pledge("廉洁从政", "secretary", None, "004 三(六)"),
]
