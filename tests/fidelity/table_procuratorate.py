"""003 庆城县人民检察院实施办法: the measurable rules, read article by article from the seed."""

from tests.fidelity.rules import Rule, Letter, Pledge

RULES = [
    # ---- 党组 (第九条) ----
    # 第九条1 “每年至少召开两次党组专题会议”
    Rule("003 第九条1", "party", "meeting", "党组专题会议", 2, "year"),
    # 第九条2 “根据需要和上级有关要求，适时召开会议传达、学习、贯彻落实”
    Rule("003 第九条2", "party", "meeting", "传达学习会议", None, "year"),
    # 第九条3 “每年向县委、县纪委和市院报告1次党风廉政建设工作情况” (no date: year end)
    Rule("003 第九条3", "party", "report", "年度报告", 1, "year",
         recipients=("上级党委", "上级纪委", "市院")),
    # 第九条4 “每年适时组织将县委下达的…任务细化分解到有关部门和分管领导” (no number)
    Rule("003 第九条4", "party", "other", "任务分解", 1, "year"),  # 每年: once a year
    # 第九条14 “每半年组织1次党风检纪专项重点督察”
    Rule("003 第九条14", "party", "inspection", "专项重点督察", 1, "half"),
    # 第九条14 “每年至少组织1次检风检纪方面突出问题专项治理”
    Rule("003 第九条14", "party", "other", "专项治理", 1, "year"),
    # 第九条20 “适时听取纪检监察工作情况汇报”
    Rule("003 第九条20", "party", "hearing", "纪检监察工作汇报", None, "year"),
    # ---- 党组书记 (第十条) ----
    # 第十条1 “及时主持召开相关会议，学习传达贯彻上级党风廉政建设工作的各项决策部署”
    Rule("003 第十条1", "secretary", "meeting", "传达学习会议", None, "year"),
    # 第十条3 “年初与班子成员面对面签订《党风廉政建设责任书》”
    Rule("003 第十条3", "secretary", "signing", "责任书", 1, "year", scope="leaders", when="年初"),
    # 第十条3 “…和《公开承诺书》”
    Rule("003 第十条3", "secretary", "signing", "公开承诺书", 1, "year", scope="leaders", when="年初"),
    # 第十条3 “年底对落实情况进行检查考核”
    Rule("003 第十条3", "secretary", "inspection", "检查考核", 1, "year", scope="leaders", when="年底"),
    # 第十条6 “每年至少为干警作1次党风廉政建设专题辅导报告”
    Rule("003 第十条6", "secretary", "lecture", "专题辅导", 1, "year"),
    # 第十条7 “每年至少对班子成员履行主体责任情况约谈1次”
    Rule("003 第十条7", "secretary", "talk", "约谈", 1, "year", scope="leaders"),
    # 第十条8 “每年与班子成员及中层领导干部谈心谈话不少于1次”
    Rule("003 第十条8", "secretary", "talk", "谈心谈话", 1, "year", scope="leaders_and_heads"),
    # 第十条9 “对群众反映强烈、存在问题较多的部门，应当适时进行诫勉谈话”
    Rule("003 第十条9", "secretary", "talk", "诫勉谈话", None, "year"),
    # ---- 班子其他成员 (第六条, 第十一条) ----
    # 第六条(二) “将党风廉政建设与分管业务工作一起部署落实，并适时检查”
    Rule("003 第六条(二)", "leader", "inspection", "督促检查", None, "year", scope="overseen_departments"),
    # 第十一条2 “年初与分管部门负责人签订《党风廉政建设责任书》”
    Rule("003 第十一条2", "leader", "signing", "责任书", 1, "year", scope="overseen_heads", when="年初"),
    # 第十一条2 “年底对落实情况进行检查考核”
    Rule("003 第十一条2", "leader", "inspection", "检查考核", 1, "year", scope="overseen_departments", when="年底"),
    # 第十一条4 “对发现的…重大违纪违法问题线索，应及时向党组报告”
    Rule("003 第十一条4", "leader", "report", "问题线索报告", None, "year", recipients=("党组",)),
    # 第十一条6 “每季度至少听取1次分管部门党风廉政建设情况汇报”
    Rule("003 第十一条6", "leader", "hearing", "听取汇报", 1, "quarter", scope="overseen_departments"),
    # 第十一条6 “每季度与分管部门负责人进行1次廉政谈话”
    Rule("003 第十一条6", "leader", "talk", "廉政谈话", 1, "quarter", scope="overseen_heads"),
    # 第十一条6 “每年至少同分管部门人员谈心谈话1次”
    Rule("003 第十一条6", "leader", "talk", "谈心谈话", 1, "year", scope="overseen_people"),
    # 第十一条6 “每年至少为分管部门讲1次廉政党课”
    Rule("003 第十一条6", "leader", "lecture", "廉政党课", 1, "year"),
    # ---- 部门负责人 (第九条7) ----
    # 第九条7 “及时督促部门负责人与本部门工作人员签订…《廉洁从检承诺书》”
    Rule("003 第九条7", "head", "signing", "廉洁从检承诺书", None, "year", scope="own_people"),
    # ---- 政工科 (第十二条) ----
    # 第十二条(二)6 “配合纪检组负责撰写党组向县委、县纪委、市检院党组上报履行主体责任情况的报告”
    Rule("003 第十二条(二)6", "function:政工", "report", "年度报告", 1, "year",
         recipients=("上级党委", "上级纪委", "市院")),
    # ---- 纪检组 (第十三条) ----
    # 第十三条2 “每半年与班子成员就贯彻执行党风廉政建设责任制…交换意见”
    Rule("003 第十三条2", "discipline", "talk", "交换意见", 1, "half", scope="leaders"),
    # 第十三条7 “适时开展针对转变作风、遵守纪律情况专项督察”
    Rule("003 第十三条7", "discipline", "inspection", "专项督察", None, "year"),
    # 第十三条8 “及时向县纪委和市检院纪检组报告…重大违纪违法问题线索”
    Rule("003 第十三条8", "discipline", "report", "问题线索报告", None, "year",
         recipients=("上级纪委", "市检院纪检组")),
    # 第十三条9 “按照有关要求，及时报告…调查核实情况及调查结论” (no recipient named)
    Rule("003 第十三条9", "discipline", "report", "调查核实情况报告", None, "year"),
    # 第十三条10 “每年应及时向县纪委和市检院纪检组报告履行监督责任情况” (no number, no date)
    Rule("003 第十三条10", "discipline", "report", "监督报告", 1, "year",  # 每年: once a year
         recipients=("上级纪委", "市检院纪检组")),
]

LETTERS = [
    # 第十条3 “年初与班子成员面对面签订《党风廉政建设责任书》”
    Letter("secretary", "leaders", "003 第十条3"),
    # 第十一条2 “年初与分管部门负责人签订《党风廉政建设责任书》”
    Letter("overseer", "overseen_heads", "003 第十一条2"),
]

PLEDGES = [
    # 第十条3 “与班子成员面对面签订…《公开承诺书》”; 第九条6 层级《公开承诺书》
    Pledge("公开", "leaders", None, "003 第十条3；003 第九条6"),
    # 第九条7 “督促部门负责人与本部门工作人员签订…《廉洁从检承诺书》”
    Pledge("廉洁从检", "staff", "head", "003 第九条7"),
]
