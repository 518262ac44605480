<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutPage</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>About cunwu</source>
        <translation>关于村务</translation>
    </message>
    <message>
        <source>Records of the village committee, kept on this computer.</source>
        <translation>村民委员会的各项记录，保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村名</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村代码</translation>
    </message>
    <message>
        <source>Logged in as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Interface font: WenQuanYi Micro Hei (Apache License 2.0).</source>
        <translation>界面字体：文泉驿微米黑（Apache License 2.0）。</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>{name}  {points} points each {unit}</source>
        <translation>{name}  每{unit} {points} 分</translation>
    </message>
    <message>
        <source>Name, pinyin or ID number</source>
        <translation>姓名、拼音或身份证号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Times / hours</source>
        <translation>次数 / 小时数</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织者</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>There is no points rule yet: close this, add one on the Rules tab (New rule or version…), then record the activity.</source>
        <translation>还没有积分规则：请先关闭本窗口，在“积分规则”页点“新规则或新版本…”添加一条，再登记活动。</translation>
    </message>
    <message>
        <source>Finding…</source>
        <translation>正在查找…</translation>
    </message>
</context>
<context>
    <name>AdminBox</name>
    <message>
        <source>Accounts, audit log and restore</source>
        <translation>用户、审计日志与恢复</translation>
    </message>
    <message>
        <source>Who may log in and with which role; the log of who did what; and, after a damaged or lost computer, putting a backup back in place of the records.</source>
        <translation>谁可以登录、担任什么角色；谁在何时做了什么的记录；以及电脑损坏或丢失后，用备份恢复全部记录。</translation>
    </message>
    <message>
        <source>User accounts…</source>
        <translation>用户管理…</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>恢复备份…</translation>
    </message>
</context>
<context>
    <name>AdvanceDialog</name>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>as the vote decided (approved where there was no vote)</source>
        <translation>按表决结果（无表决的视为通过）</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>the matter ends</source>
        <translation>事项终止</translation>
    </message>
    <message>
        <source>back to: {step}</source>
        <translation>退回：{step}</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Posted notice</source>
        <translation>已张贴的公开</translation>
    </message>
    <message>
        <source>No posted notice of this kind yet: post it on the Disclosures page first.</source>
        <translation>还没有已张贴的此类公开：请先在“村务公开”页面张贴。</translation>
    </message>
    <message>
        <source>(no meeting)</source>
        <translation>（无会议）</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Agenda item (number, if several)</source>
        <translation>议题（有多个议题时填序号）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>If rejected</source>
        <translation>未通过时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <source>Dismiss alert</source>
        <translation>忽略提醒</translation>
    </message>
    <message>
        <source>Make a case</source>
        <translation>转为工单</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Handler (account)</source>
        <translation>承办人（账户）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>cunwu village affairs</source>
        <translation>村务</translation>
    </message>
</context>
<context>
    <name>ApprovalQueue</name>
    <message>
        <source>Points waiting for approval. The user who entered them cannot approve them.</source>
        <translation>待审核的积分。录入积分的人不能自己审核。</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>审核通过…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Took part: {names}</source>
        <translation>参加人员：{names}</translation>
    </message>
    <message>
        <source>Approve &quot;{title}&quot; ({date}): {n} people, {points} points in all? The points then go to 公示 and cannot be approved again.</source>
        <translation>确认审核通过“{title}”（{date}）：共 {n} 人、{points} 积分？通过后进入积分公示，不能再次审核。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Why are the points of &quot;{title}&quot; rejected? The activity is removed; whoever entered it can enter it again.</source>
        <translation>为什么驳回“{title}”的积分？驳回后该活动被删除，录入人可重新录入。</translation>
    </message>
</context>
<context>
    <name>AttendanceTable</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>请假</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Every change, login and export is written here as it happens, in a chain that cannot be altered unnoticed (the data integrity check on the settings page tests it).</source>
        <translation>每一次修改、登录和导出都会当即记在这里，记录前后相连，改动无法不被察觉（设置页的数据完整性检查会核对）。</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Older entries</source>
        <translation>更早的记录</translation>
    </message>
    <message>
        <source>{n} entries shown</source>
        <translation>已显示 {n} 条</translation>
    </message>
</context>
<context>
    <name>BalancesDialog</name>
    <message>
        <source>Points balances</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <source>Per person</source>
        <translation>按人</translation>
    </message>
    <message>
        <source>Per household</source>
        <translation>按户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>the one it is about, if no other is named</source>
        <translation>不填则为走访或诉求所涉之人</translation>
    </message>
    <message>
        <source>Person (ID number)</source>
        <translation>对象（身份证号）</translation>
    </message>
    <message>
        <source>or household number</source>
        <translation>或户号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细情况</translation>
    </message>
    <message>
        <source>Handler (account)</source>
        <translation>承办人（账户）</translation>
    </message>
</context>
<context>
    <name>CaseLimitsDialog</name>
    <message>
        <source>Case time limits</source>
        <translation>工单时限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>default: {days}</source>
        <translation>默认：{days}</translation>
    </message>
    <message>
        <source>Days from opening a case to its due date, for each category. A new case takes its due date from them; the cases already open keep theirs.</source>
        <translation>各类工单从立单到办理期限的天数。新立的工单按此计算期限；已立的工单期限不变。</translation>
    </message>
    <message>
        <source>Only an admin or clerk account can change these values.</source>
        <translation>只有管理员或村务人员账号可以修改这些数值。</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Case {number}</source>
        <translation>工单 {number}</translation>
    </message>
    <message>
        <source>{status} · {category} · {severity} · about {name} · due {due}{late} · handler {handler}</source>
        <translation>{status} · {category} · {severity} · 对象 {name} · 期限 {due}{late} · 承办人 {handler}</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <source>Result: {result} {decision}</source>
        <translation>结果：{result} {decision}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Cases</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Cases (工单)</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Search name, matter or number</source>
        <translation>搜索姓名、事由或编号</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>工单详情</translation>
    </message>
    <message>
        <source>Print check sheet</source>
        <translation>打印入户核查表</translation>
    </message>
    <message>
        <source>Time limits…</source>
        <translation>工单时限…</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Record action</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>上报乡镇</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reading cases…</source>
        <translation>正在读取工单…</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <source>{count} case(s)</source>
        <translation>共 {count} 件</translation>
    </message>
</context>
<context>
    <name>CheckSheetPreview</name>
    <message>
        <source>Home visit check sheet</source>
        <translation>入户核查表</translation>
    </message>
    <message>
        <source>Making the sheet…</source>
        <translation>正在生成…</translation>
    </message>
</context>
<context>
    <name>ConcernDialog</name>
    <message>
        <source>(not at a meeting)</source>
        <translation>（非会议上提出）</translation>
    </message>
    <message>
        <source>Villager&apos;s concern (民情诉求)</source>
        <translation>民情诉求</translation>
    </message>
    <message>
        <source>Follow up by</source>
        <translation>跟进期限</translation>
    </message>
    <message>
        <source>Settled: close this concern</source>
        <translation>已办结：关闭此诉求</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>提出场合</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进情况</translation>
    </message>
</context>
<context>
    <name>ConcernsTable</name>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进情况</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>(due {date})</source>
        <translation>（期限 {date}）</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Add to basket</source>
        <translation>加入兑换单</translation>
    </message>
    <message>
        <source>Empty basket</source>
        <translation>清空兑换单</translation>
    </message>
    <message>
        <source>Redeem and print receipt</source>
        <translation>兑换并打印凭证</translation>
    </message>
    <message>
        <source>Print the receipt again…</source>
        <translation>重新打印小票…</translation>
    </message>
    <message>
        <source>New goods…</source>
        <translation>新增商品…</translation>
    </message>
    <message>
        <source>New stock…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Name, pinyin or ID number</source>
        <translation>姓名、拼音或身份证号</translation>
    </message>
    <message>
        <source>Finding…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>Find a person to see the balance.</source>
        <translation>查找村民以查看积分余额。</translation>
    </message>
    <message>
        <source>{name}: household balance {n} points</source>
        <translation>{name}：本户积分余额 {n} 分</translation>
    </message>
    <message>
        <source>{name}: balance {n} points</source>
        <translation>{name}：积分余额 {n} 分</translation>
    </message>
    <message>
        <source>Total: {n} points</source>
        <translation>合计：{n} 分</translation>
    </message>
    <message>
        <source>Redeem {goods} for {name}? {n} points will be deducted and the goods taken from stock.</source>
        <translation>确认为 {name} 兑换 {goods}？将扣除 {n} 积分，并从库存中减去这些物品。</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Redeeming…</source>
        <translation>正在兑换…</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>将兑换凭证保存为 PDF</translation>
    </message>
    <message>
        <source>Points receipt {number}</source>
        <translation>积分兑换凭证 {number}</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Redemption {number} is done; its receipt was saved.</source>
        <translation>兑换单 {number} 已完成，小票已保存。</translation>
    </message>
    <message>
        <source>Redemption {number} is done. Its receipt is kept: print it with the button below.</source>
        <translation>兑换单 {number} 已完成。小票已留存，可用下方按钮重新打印。</translation>
    </message>
</context>
<context>
    <name>DisclosureEditor</name>
    <message>
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Edit notice</source>
        <translation>修改公告</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Posting date fixed:</source>
        <translation>指定张贴日期：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The text of the notice; a blank line starts a new paragraph.</source>
        <translation>公告正文；空一行即另起一段。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Period covered</source>
        <translation>公开期间</translation>
    </message>
    <message>
        <source>Posting period (公示期)</source>
        <translation>公示期</translation>
    </message>
    <message>
        <source>Where posted</source>
        <translation>张贴地点</translation>
    </message>
    <message>
        <source>Supervision phone (监督电话)</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <source>Linked matter</source>
        <translation>关联事项</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>This is a correction: it names the posted notice it corrects, which stays on record unchanged.</source>
        <translation>这是一份更正公告：它注明所更正的原公告，原公告原样存档。</translation>
    </message>
    <message>
        <source>Saving the notice…</source>
        <translation>正在保存公告…</translation>
    </message>
</context>
<context>
    <name>DisclosureRulesDialog</name>
    <message>
        <source>Disclosure rules</source>
        <translation>公开规则</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>every quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>Supervision phone (监督电话)</source>
        <translation>监督电话</translation>
    </message>
    <message>
        <source>Where notices are posted</source>
        <translation>张贴地点</translation>
    </message>
    <message>
        <source>Finances are disclosed</source>
        <translation>财务公开</translation>
    </message>
    <message>
        <source>Village affairs are disclosed</source>
        <translation>村务公开</translation>
    </message>
    <message>
        <source>The schedule counts from</source>
        <translation>公开计划起算日期</translation>
    </message>
    <message>
        <source>The phone and the place are printed on every notice; the schedule page reminds you when a disclosure is due.</source>
        <translation>监督电话和张贴地点印在每份公告上；到了该公开的时候，公开计划会提醒您。</translation>
    </message>
</context>
<context>
    <name>DisclosuresPage</name>
    <message>
        <source>Disclosures</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>Notices of party, village and financial affairs (三务公开). A notice is signed off by the supervision committee before it is posted; a posted notice is never changed, it is corrected by a new one.</source>
        <translation>党务、村务、财务公开（三务公开）。公告须经村务监督委员会审核后张贴；已张贴的公告不再修改，如有错误发布更正公告。</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>新建公告</translation>
    </message>
    <message>
        <source>Relief list</source>
        <translation>救助公示</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>审核签字</translation>
    </message>
    <message>
        <source>Take sign-off back</source>
        <translation>撤回审核</translation>
    </message>
    <message>
        <source>Mark posted</source>
        <translation>登记已张贴</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加张贴照片</translation>
    </message>
    <message>
        <source>Check a printed code…</source>
        <translation>核验公示码…</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>公开规则…</translation>
    </message>
    <message>
        <source>低保 list</source>
        <translation>低保公示</translation>
    </message>
    <message>
        <source>特困供养 list</source>
        <translation>特困供养公示</translation>
    </message>
    <message>
        <source>临时救助 list</source>
        <translation>临时救助公示</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>公开时限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>公开期间</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>张贴日期</translation>
    </message>
    <message>
        <source>Posting period ends</source>
        <translation>公示期满</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待公开</translation>
    </message>
    <message>
        <source>Schedule ({n} overdue)</source>
        <translation>公开时限（{n} 项逾期）</translation>
    </message>
    <message>
        <source>Only a supervision committee (supervisor) account can sign off.</source>
        <translation>只有村务监督委员会（监督委员）账户才能审核签字。</translation>
    </message>
    <message>
        <source>{title} (correction)</source>
        <translation>{title}（更正）</translation>
    </message>
    <message>
        <source>Sign off &apos;{title}&apos; as reviewed by the supervision committee? Its content is then fixed.</source>
        <translation>确认以村务监督委员会名义审核《{title}》？审核后内容即固定，不能再改。</translation>
    </message>
    <message>
        <source>Signing off…</source>
        <translation>正在审核…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Record &apos;{title}&apos; as on the wall from {start} to {end}? It can never be changed afterwards, only corrected by a new notice.</source>
        <translation>确认登记“{title}”已张贴，公示期 {start} 至 {end}？登记后不能再修改，只能另发更正公告。</translation>
    </message>
    <message>
        <source>Building the list…</source>
        <translation>正在生成名单…</translation>
    </message>
    <message>
        <source>Photo of the posted notice</source>
        <translation>公告张贴照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>DistrictData</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>District bundles</source>
        <translation>区县数据包</translation>
    </message>
    <message>
        <source>District bundles (*.cdb)</source>
        <translation>区县数据包 (*.cdb)</translation>
    </message>
    <message>
        <source>Importing the district&apos;s bundles…</source>
        <translation>正在导入区县数据包…</translation>
    </message>
    <message>
        <source>These district bundles were imported before; nothing has changed.</source>
        <translation>这些区县数据包以前已导入，没有变化。</translation>
    </message>
    <message>
        <source>{n} new cases</source>
        <translation>新工单 {n} 件</translation>
    </message>
    <message>
        <source>{n} case updates from the township</source>
        <translation>乡镇办理工单 {n} 次</translation>
    </message>
    <message>
        <source>{name} {value} from {day}</source>
        <translation>{name}自 {day}起为{value}</translation>
    </message>
    <message>
        <source>{n} updates left out: those cases had moved on here</source>
        <translation>{n} 条办理未采用：本村已先行办理这些工单</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>nothing new in them</source>
        <translation>没有新内容</translation>
    </message>
    <message>
        <source>Imported {n} district bundles: {list}.</source>
        <translation>已导入区县数据包 {n} 个：{list}。</translation>
    </message>
    <message>
        <source>{n} of the files were imported before.</source>
        <translation>其中 {n} 个文件以前已导入。</translation>
    </message>
</context>
<context>
    <name>EnrolWizard</name>
    <message>
        <source>Enrol with the district</source>
        <translation>在区县登记</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Error code: {code}</source>
        <translation>错误代码：{code}</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Feedback and objections</source>
        <translation>群众意见与异议</translation>
    </message>
    <message>
        <source>Record feedback</source>
        <translation>登记意见</translation>
    </message>
    <message>
        <source>Save answer to the selected feedback</source>
        <translation>保存对所选意见的答复</translation>
    </message>
    <message>
        <source>Kind, date, from</source>
        <translation>类型、日期、反映人</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>意见内容</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow up (督办): {title}</source>
        <translation>督办：{title}</translation>
    </message>
    <message>
        <source>No follow-up recorded yet.</source>
        <translation>尚无督办记录。</translation>
    </message>
    <message>
        <source>New due date</source>
        <translation>新的完成期限</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>落实进展</translation>
    </message>
</context>
<context>
    <name>GoodsDialog</name>
    <message>
        <source>New goods</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (points)</source>
        <translation>价格（积分）</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Today is {date}</source>
        <translation>今天是 {date}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Make a case</source>
        <translation>转为工单</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Alerts and what is due</source>
        <translation>提醒与到期事项</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Nothing needs attention today.

Alerts about residents, meetings, disclosures and points will be listed here when they fall due.</source>
        <translation>今天没有需要处理的事项。

居民、议事、公开和积分方面的提醒到期时，会列在这里。</translation>
    </message>
    <message>
        <source>Reading alerts…</source>
        <translation>正在读取提醒…</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>议事</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>{date} (overdue)</source>
        <translation>{date}（已过期）</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <source>Household number (户号); empty if none yet</source>
        <translation>输入户号查找；暂无户可不填</translation>
    </message>
</context>
<context>
    <name>HouseholdsDialog</name>
    <message>
        <source>Households</source>
        <translation>家庭户</translation>
    </message>
    <message>
        <source>New household…</source>
        <translation>新增户…</translation>
    </message>
    <message>
        <source>Household number, head&apos;s name or address</source>
        <translation>户号、户主姓名或地址</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the roster: an Excel workbook (.xlsx, .xls) or a CSV file. The header row is found even below a title; columns are matched by their usual Chinese names.</source>
        <translation>选择花名册：Excel 工作簿（.xlsx、.xls）或 CSV 文件。表头行在标题行下方也能找到；各列按常用的中文列名自动对应。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Remember this mapping for the next import</source>
        <translation>记住这次的列对应关系，下次导入时使用</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save the report of rejected rows…</source>
        <translation>保存未导入行的报告…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a roster</source>
        <translation>选择花名册</translation>
    </message>
    <message>
        <source>Rosters (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>花名册 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>The header is row %1 of the file. Check which field each column feeds; the rows below are the first of the file.</source>
        <translation>表头在文件第 %1 行。请核对每一列对应的字段；下面是文件开头的几行数据。</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>%1 rows read: %2 new people, %3 to update, %4 unchanged, %5 rejected. Nothing has been written yet. Press Import to write the new and updated people in one step.</source>
        <translation>共读取 %1 行：新增 %2 人，需更新 %3 人，未变 %4 人，不能导入 %5 行。目前尚未写入任何数据。按“导入”一次性写入新增和更新的人员。</translation>
    </message>
    <message>
        <source>Importing the roster…</source>
        <translation>正在导入花名册…</translation>
    </message>
    <message>
        <source>Imported: %1 new people, %2 updated, %3 unchanged; %4 rows rejected.</source>
        <translation>导入完成：新增 %1 人，更新 %2 人，未变 %3 人；%4 行未导入。</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>未导入的行</translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>决议</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>more votes than present</source>
        <translation>票数多于实到人数</translation>
    </message>
    <message>
        <source>invalid: no quorum</source>
        <translation>无效：未达法定人数</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>no vote</source>
        <translation>未表决</translation>
    </message>
</context>
<context>
    <name>KeyRotation</name>
    <message>
        <source>A new signing key will be made. The next bundle announces it to the district, and it signs from when the district confirms it; the current key signs until then. Do this when someone else may have seen the key.</source>
        <translation>将生成新的签名密钥。下一个数据包会把它告知区县，区县确认后开始使用；在此之前仍用现在的密钥签名。当密钥可能被他人看到时，请更换。</translation>
    </message>
    <message>
        <source>Make a new key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>New key made. Export a bundle so that the district learns it; read its fingerprint to the district when asked:
{fp}</source>
        <translation>新密钥已生成。请导出一个数据包让区县知道它；区县询问时，请念出它的指纹：
{fp}</translation>
    </message>
    <message>
        <source>Making a new key…</source>
        <translation>正在生成新密钥…</translation>
    </message>
</context>
<context>
    <name>LaterPage</name>
    <message>
        <source>This part comes in a later version of cunwu. Until then, keep these records the way you do now.</source>
        <translation>这部分功能将在以后的版本中提供。在此之前，请按现在的办法记录。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — cunwu</source>
        <translation>登录 — 村务</translation>
    </message>
    <message>
        <source>Village affairs records</source>
        <translation>村务管理</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <source>Opening the data…</source>
        <translation>正在打开数据…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>This page has nothing for that key.</source>
        <translation>这一页没有这个快捷键能做的事。</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Keys that save looking for a button:

F1  this help
Ctrl+1 … Ctrl+9  open the pages in the list on the left, from the top
Ctrl+F  find (the search box of the page)
Ctrl+N  new (a resident, meeting, notice or activity)
Ctrl+P  print from the page
Ctrl+L  log out, so that someone else can log in

Each page says at its top what it is for. If a message names a code (E_…), tell it to whoever looks after the program.</source>
        <translation>不用找按钮的快捷键：

F1  打开这个帮助
Ctrl+1 … Ctrl+9  按左边列表从上往下打开各页
Ctrl+F  查找（光标跳到本页的搜索框）
Ctrl+N  新建（人员、会议、公开或积分活动）
Ctrl+P  打印本页的材料
Ctrl+L  退出登录，换别人登录

每一页最上面都写着这一页是做什么的。提示里如果有代码（E_…），请把它告诉管电脑的人。</translation>
    </message>
    <message>
        <source>Edits not saved</source>
        <translation>有修改没保存</translation>
    </message>
    <message>
        <source>These windows have edits that are not saved: {names}. Close them and lose the edits?</source>
        <translation>这些窗口里的修改还没保存：{names}。关掉它们，不要这些修改吗？</translation>
    </message>
    <message>
        <source>cunwu village affairs — {village}</source>
        <translation>村务 — {village}</translation>
    </message>
    <message>
        <source>Training mode: today counts as {date}</source>
        <translation>训练模式：今天按 {date} 计算</translation>
    </message>
    <message>
        <source>Logged in: {user}, {role}</source>
        <translation>当前用户：{user}，{role}</translation>
    </message>
    <message>
        <source>Help (F1)</source>
        <translation>帮助（F1）</translation>
    </message>
    <message>
        <source>Log out / switch user</source>
        <translation>退出登录 / 换人</translation>
    </message>
</context>
<context>
    <name>MattersBoard</name>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>督办期限</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>召开时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Planned (not held yet)</source>
        <translation>计划中（尚未召开）</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已召开</translation>
    </message>
    <message>
        <source>Everyone present</source>
        <translation>全部实到</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>ID number (身份证号)</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Add attendee</source>
        <translation>添加到会人员</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加议题</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除议题</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Items and votes</source>
        <translation>议题与表决</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Record correction…</source>
        <translation>登记更正…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This meeting is closed. Changes are recorded as a correction, with the reason, beside the original.</source>
        <translation>本次会议已关闭。修改将作为更正另行登记并写明原因，原记录保留。</translation>
    </message>
    <message>
        <source>Reading members…</source>
        <translation>正在读取应到人员…</translation>
    </message>
    <message>
        <source>Expected {e}, present {p}, excused {x}, absent {a}.</source>
        <translation>应到 {e} 人，实到 {p} 人，请假 {x} 人，缺席 {a} 人。</translation>
    </message>
    <message>
        <source>This kind of meeting needs no quorum.</source>
        <translation>此类会议不设法定人数。</translation>
    </message>
    <message>
        <source>Quorum reached.</source>
        <translation>已达到法定人数。</translation>
    </message>
    <message>
        <source>No quorum: {needed} must be present. Votes cannot be recorded and decisions would not be valid.</source>
        <translation>未达到法定人数：至少需要 {needed} 人实到。不能登记表决，所作决定无效。</translation>
    </message>
    <message>
        <source>Record correction</source>
        <translation>登记更正</translation>
    </message>
    <message>
        <source>Why is the record corrected?</source>
        <translation>更正原因：</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>MeetingList</name>
    <message>
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Close meeting</source>
        <translation>关闭会议</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印会议记录…</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>召开时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>法定人数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>held</source>
        <translation>已召开</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>已达到</translation>
    </message>
    <message>
        <source>no quorum</source>
        <translation>未达法定人数</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>This record corrects an earlier one: {reason}</source>
        <translation>本记录更正了此前的记录：{reason}</translation>
    </message>
</context>
<context>
    <name>MeetingPreview</name>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Making the sheet…</source>
        <translation>正在生成…</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>议事</translation>
    </message>
    <message>
        <source>Meetings and decisions</source>
        <translation>会议与决策</translation>
    </message>
    <message>
        <source>Matters (四议两公开)</source>
        <translation>重大事项（四议两公开）</translation>
    </message>
    <message>
        <source>Villagers&apos; concerns</source>
        <translation>民情诉求</translation>
    </message>
    <message>
        <source>New concern…</source>
        <translation>登记诉求…</translation>
    </message>
    <message>
        <source>Answer or follow up…</source>
        <translation>答复或跟进…</translation>
    </message>
    <message>
        <source>Make a case</source>
        <translation>转为工单</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>End membership…</source>
        <translation>结束成员资格…</translation>
    </message>
    <message>
        <source>Quorum rules…</source>
        <translation>法定人数规则…</translation>
    </message>
    <message>
        <source>Who is expected at each kind of meeting: 村民代表 (with the households they represent), 两委 and 监委会 members. 党员 come from the residents&apos; records; a 村民会议 expects every resident aged 18 or more.</source>
        <translation>各类会议的应到人员：村民代表（及其联系的户）、两委和监委会成员。党员取自居民档案；村民会议的应到人员为全体年满十八周岁的村民。</translation>
    </message>
    <message>
        <source>New matter…</source>
        <translation>新建事项…</translation>
    </message>
    <message>
        <source>Next step…</source>
        <translation>办理下一步…</translation>
    </message>
    <message>
        <source>Follow up (督办)…</source>
        <translation>督办…</translation>
    </message>
    <message>
        <source>Reading meetings…</source>
        <translation>正在读取会议…</translation>
    </message>
    <message>
        <source>Close the meeting &apos;{title}&apos;? Its record, attendance and votes are then final; a mistake can only be put right by a correction.</source>
        <translation>确认结束会议“{title}”？结束后会议记录、到会和表决结果即为定稿，有误只能另行更正。</translation>
    </message>
    <message>
        <source>Close meeting</source>
        <translation>结束会议</translation>
    </message>
    <message>
        <source>Closing the meeting…</source>
        <translation>正在关闭会议…</translation>
    </message>
    <message>
        <source>{name}, {date}: {topic}</source>
        <translation>{name}，{date}：{topic}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Membership</source>
        <translation>成员资格</translation>
    </message>
    <message>
        <source>ID number (身份证号)</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>household numbers, comma-separated</source>
        <translation>户号，用逗号分隔</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Households represented (村民代表)</source>
        <translation>联系的户（村民代表）</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Ends the seat of {name} ({body}) on</source>
        <translation>{name}（{body}）的成员资格截止于</translation>
    </message>
</context>
<context>
    <name>MembersTable</name>
    <message>
        <source>Body</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Households represented</source>
        <translation>联系户数</translation>
    </message>
</context>
<context>
    <name>MonitoringSettingsDialog</name>
    <message>
        <source>Monitoring settings</source>
        <translation>动态监测设置</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 岁</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>高龄 from age</source>
        <translation>高龄起始年龄</translation>
    </message>
    <message>
        <source>People of this age and older count as 高龄; the home page reminds you in the month they reach it (高龄津贴).</source>
        <translation>年满这个岁数即算高龄；满岁当月首页会提醒申请高龄津贴。</translation>
    </message>
    <message>
        <source>Visit people living alone every</source>
        <translation>独居老人走访间隔</translation>
    </message>
    <message>
        <source>An alert when someone tagged 独居老人 has had no recorded visit for this many days.</source>
        <translation>独居老人超过这么多天没有走访记录时，首页会提醒。</translation>
    </message>
    <message>
        <source>Warn before a review</source>
        <translation>复核提前提醒</translation>
    </message>
    <message>
        <source>How many days before a 低保, 残疾 or other review date the alert appears.</source>
        <translation>低保、残疾等复核日期前多少天开始提醒。</translation>
    </message>
    <message>
        <source>Children are under</source>
        <translation>儿童年龄（未满）</translation>
    </message>
    <message>
        <source>A child under this age whose parents are both away is listed as 留守儿童.</source>
        <translation>未满这个岁数、父母都外出务工的孩子列为留守儿童。</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>Back to the defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>These values decide which alerts the home page lists. They hold for the whole village.</source>
        <translation>这些数值决定首页列出哪些提醒，对全村有效。</translation>
    </message>
    <message>
        <source>Only an admin or clerk account can change these values.</source>
        <translation>只有管理员或村务人员账号可以修改这些数值。</translation>
    </message>
</context>
<context>
    <name>NewHouseholdDialog</name>
    <message>
        <source>New household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>e.g. 000123</source>
        <translation>例如 000123</translation>
    </message>
    <message>
        <source>Household number (户号)</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add the household first, then its people with New resident.</source>
        <translation>先新增户，再用“新增居民”登记这一户的人。</translation>
    </message>
</context>
<context>
    <name>NewMatterDialog</name>
    <message>
        <source>New matter (四议两公开)</source>
        <translation>新建事项（四议两公开）</translation>
    </message>
    <message>
        <source>Implementation due</source>
        <translation>实施期限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
</context>
<context>
    <name>NewPersonDialog</name>
    <message>
        <source>New resident</source>
        <translation>新增居民</translation>
    </message>
    <message>
        <source>New household…</source>
        <translation>新增户…</translation>
    </message>
    <message>
        <source>Birth date and sex are read from the ID number. One person is never recorded twice: a number already recorded is refused.</source>
        <translation>出生日期和性别由身份证号自动得出。同一个人不会登记两次：已登记过的身份证号会被拒绝。</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New account</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>letters and digits, e.g. wenshu</source>
        <translation>字母和数字，例如 wenshu</translation>
    </message>
    <message>
        <source>e.g. 李会计</source>
        <translation>例如 李会计</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一次密码</translation>
    </message>
    <message>
        <source>At least {n} characters. Tell it to the person in private.</source>
        <translation>至少 {n} 个字符。请私下告诉本人。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <source>Participants</source>
        <translation>参与人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Objection / answer</source>
        <translation>异议 / 答复</translation>
    </message>
    <message>
        <source>Objection…</source>
        <translation>登记异议…</translation>
    </message>
    <message>
        <source>Objection not upheld…</source>
        <translation>异议不成立…</translation>
    </message>
    <message>
        <source>Objection upheld…</source>
        <translation>异议成立…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待入账</translation>
    </message>
    <message>
        <source>held by an objection</source>
        <translation>因异议暂缓</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已入账</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不予入账</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>What is the objection?</source>
        <translation>异议内容：</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>The answer given:</source>
        <translation>答复内容：</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for {name}</source>
        <translation>为 {name} 设置新密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一次密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Special groups</source>
        <translation>特殊群体</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Quarter {n}</source>
        <translation>第{n}季度</translation>
    </message>
    <message>
        <source>Month {n}</source>
        <translation>{n}月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Special group</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>两项补贴</source>
        <translation>两项补贴</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>End selected today</source>
        <translation>今日终止所选</translation>
    </message>
    <message>
        <source>Reviewed: next review on that date</source>
        <translation>已复核：下次复核定在该日期</translation>
    </message>
    <message>
        <source>People covered (低保)</source>
        <translation>保障人数（低保）</translation>
    </message>
    <message>
        <source>Monthly amount, yuan (低保)</source>
        <translation>月保障金额（元，低保）</translation>
    </message>
    <message>
        <source>Disability type</source>
        <translation>残疾类别</translation>
    </message>
    <message>
        <source>Disability level</source>
        <translation>残疾等级</translation>
    </message>
    <message>
        <source>Special groups</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add grant</source>
        <translation>添加救助</translation>
    </message>
    <message>
        <source>Temporary relief</source>
        <translation>临时救助</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Add visit</source>
        <translation>添加走访</translation>
    </message>
    <message>
        <source>Make a case</source>
        <translation>转为工单</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Person: %1</source>
        <translation>人员档案：%1</translation>
    </message>
    <message>
        <source>Edits not saved</source>
        <translation>有修改没保存</translation>
    </message>
    <message>
        <source>The changes to this person are not saved. Close and lose them?</source>
        <translation>这个人的修改还没保存。关掉并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>{name}: visit on {date} by {visitor}</source>
        <translation>{name}：{date} {visitor}走访</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>from the ID number</source>
        <translation>由身份证号得出</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status since</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, pinyin or ID number</source>
        <translation>姓名、拼音或身份证号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>(not on the roster: keep the name as typed)</source>
        <translation>（不在花名册上：按输入的姓名记录）</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Volunteer points (积分制): points from activities are approved by a second user, shown in public (积分公示) and only then entered in the ledger. The ledger is never edited: a correction is a new entry.</source>
        <translation>志愿服务积分制：活动积分须经另一位用户审核、积分公示后才记入台账。台账从不修改：更正以一条新的冲销记录完成。</translation>
    </message>
    <message>
        <source>New activity…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Participants and objections…</source>
        <translation>参与人员与异议…</translation>
    </message>
    <message>
        <source>Start 公示</source>
        <translation>开始公示</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Post to ledger</source>
        <translation>记入台账</translation>
    </message>
    <message>
        <source>Print 公示 list…</source>
        <translation>打印公示名单…</translation>
    </message>
    <message>
        <source>New rule or version…</source>
        <translation>新规则或新版本…</translation>
    </message>
    <message>
        <source>Reverse entry…</source>
        <translation>冲销记录…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Retire rule…</source>
        <translation>停用规则…</translation>
    </message>
    <message>
        <source>Everyone&apos;s balance…</source>
        <translation>全体积分余额…</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Approval queue</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>积分台账</translation>
    </message>
    <message>
        <source>Supermarket</source>
        <translation>积分超市</translation>
    </message>
    <message>
        <source>Rankings</source>
        <translation>积分排名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>公示 ends</source>
        <translation>公示截止</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>按人</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>按户</translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>on public display</source>
        <translation>公示中</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已入账</translation>
    </message>
    <message>
        <source>earned</source>
        <translation>获得</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source> ({n} held)</source>
        <translation>（{n} 人暂缓）</translation>
    </message>
    <message>
        <source>Approval queue ({n})</source>
        <translation>待审核（{n}）</translation>
    </message>
    <message>
        <source> (reversed)</source>
        <translation>（已冲销）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Save the 公示 list as PDF</source>
        <translation>将公示名单保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Points 公示 list</source>
        <translation>积分公示表</translation>
    </message>
    <message>
        <source>Reverse entry</source>
        <translation>冲销记录</translation>
    </message>
    <message>
        <source>Why is this entry reversed?</source>
        <translation>为什么冲销这条记录？</translation>
    </message>
</context>
<context>
    <name>PointsUpkeep</name>
    <message>
        <source>Rule {code} ({name}) applies until this day, written as 2026-12-31:</source>
        <translation>规则 {code}（{name}）适用到哪一天为止，格式如 2026-12-31：</translation>
    </message>
    <message>
        <source>Retire a rule</source>
        <translation>停用规则</translation>
    </message>
    <message>
        <source>How many {goods} came in?</source>
        <translation>{goods} 入库多少？</translation>
    </message>
    <message>
        <source>New stock</source>
        <translation>入库</translation>
    </message>
</context>
<context>
    <name>PolicyBox</name>
    <message>
        <source>Policy parameters from the district</source>
        <translation>区县下发的政策参数</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Sent in</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>The district has not set any parameter yet; the village&apos;s own settings apply.</source>
        <translation>区县尚未下发政策参数，按本村自己的设置执行。</translation>
    </message>
    <message>
        <source>district bundle {n}</source>
        <translation>区县数据包第 {n} 号</translation>
    </message>
    <message>
        <source>{day} (not yet in force)</source>
        <translation>{day}（尚未生效）</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Making the notice…</source>
        <translation>正在生成公告…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} page(s), A4. Personal data is masked.</source>
        <translation>共 {n} 页，A4。个人信息已做遮蔽处理。</translation>
    </message>
    <message>
        <source>The font has no glyph for {chars}: the notice shows their code instead.</source>
        <translation>字体中没有这些字：{chars}，公告上以字符编码代替显示。</translation>
    </message>
    <message>
        <source>It mentions {words}: a posted notice must not show health or disability detail.</source>
        <translation>公告中提到了“{words}”：张贴的公告不得出现健康或残疾等详细信息。</translation>
    </message>
    <message>
        <source>The notice could not be made.</source>
        <translation>公告未能生成。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公告</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>家庭户</translation>
    </message>
    <message>
        <source>New resident…</source>
        <translation>新增居民…</translation>
    </message>
    <message>
        <source>Monitoring settings…</source>
        <translation>动态监测设置…</translation>
    </message>
    <message>
        <source>Search: name, pinyin (zwq, zhangwei) or ID digits</source>
        <translation>搜索：姓名、拼音（zwq、zhangwei）或身份证号数字</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部特殊群体</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All villager groups</source>
        <translation>全部村民小组</translation>
    </message>
    <message>
        <source>%1%2 people shown</source>
        <translation>已显示 %1%2 人</translation>
    </message>
    <message>
        <source>%1 was added. Double-click the row to open the file.</source>
        <translation>已新增 %1。双击这一行可打开档案。</translation>
    </message>
    <message>
        <source>Monitoring settings saved; the home page&apos;s alerts use them.</source>
        <translation>动态监测设置已保存，首页提醒按新数值计算。</translation>
    </message>
    <message>
        <source>Export roster</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>{village} roster</source>
        <translation>{village}花名册</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the roster…</source>
        <translation>正在导出花名册…</translation>
    </message>
</context>
<context>
    <name>RestoreBackup</name>
    <message>
        <source>cunwu is still busy; try again in a moment.</source>
        <translation>系统正忙，请稍后再试。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>cunwu backups (*.sqlite3);;All files (*)</source>
        <translation>村务备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Every record will be replaced by the backup {name}. The records as they are now are kept as a backup first. Everyone logs in again afterwards.</source>
        <translation>全部记录将被备份 {name} 替换。现在的记录会先另存为一份备份。恢复后所有人需要重新登录。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The backup is restored. The records as they were are kept in {saved}. Log in again.</source>
        <translation>备份已恢复。原来的记录保存在 {saved}。请重新登录。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Points rule</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Points (negative deducts)</source>
        <translation>分值（负数为扣分）</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Approved by meeting</source>
        <translation>批准会议</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Quorum and passing rules</source>
        <translation>法定人数和表决通过规则</translation>
    </message>
    <message>
        <source>Write &gt;1/2 for more than half, &gt;=2/3 for at least two thirds; leave the quorum empty where none is needed. The household rule is the 村民会议&apos;s alternative quorum.</source>
        <translation>过半数写作 &gt;1/2，三分之二以上（含）写作 &gt;=2/3；不设法定人数的留空。户数规则是村民会议的另一种法定人数计算方式。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>法定人数</translation>
    </message>
    <message>
        <source>Or by households</source>
        <translation>或按户数</translation>
    </message>
    <message>
        <source>A decision needs</source>
        <translation>决定须经</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Points settings</source>
        <translation>积分设置</translation>
    </message>
    <message>
        <source>Each person</source>
        <translation>按人计分</translation>
    </message>
    <message>
        <source>Each household</source>
        <translation>按户计分</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points in a year from</source>
        <translation>年度积分不低于</translation>
    </message>
    <message>
        <source>Add level</source>
        <translation>添加等级</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>计分单位</translation>
    </message>
    <message>
        <source>Days of 公示</source>
        <translation>公示天数</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <source>The whole window uses the size you choose, at once. Sample: 青山村村民委员会 2026</source>
        <translation>选好后整个窗口立即使用这个字号。示例：青山村村民委员会 2026</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Writes a complete copy of the database into the backups folder inside the data folder. Copy that folder to a USB stick now and then.</source>
        <translation>把数据库完整复制一份，放在数据文件夹里的 backups 文件夹中。请经常把这个文件夹复制到U盘上。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Data integrity check (数据完整性检查)</source>
        <translation>数据完整性检查</translation>
    </message>
    <message>
        <source>Checks that no record, points balance or history was changed outside cunwu: the audit trail and the change log, every record against the change log, the points against the ledger, the guards, and what the district has receipted.</source>
        <translation>检查是否有记录、积分余额或历史在村务程序之外被改动：审计记录与变更日志、每条记录与变更日志、积分与台账、保护措施，以及区县已回执的内容。</translation>
    </message>
    <message>
        <source>Check data integrity</source>
        <translation>数据完整性检查</translation>
    </message>
    <message>
        <source>Dynamic monitoring (动态监测)</source>
        <translation>动态监测</translation>
    </message>
    <message>
        <source>Monitoring settings…</source>
        <translation>动态监测设置…</translation>
    </message>
    <message>
        <source>Alerts on the home page: 高龄 from age {elderly_age}; a visit to people living alone every {visit_days} days; reviews announced {review_notice_days} days ahead; children are under {child_age}.</source>
        <translation>首页提醒：{elderly_age} 岁起算高龄；独居老人每 {visit_days} 天走访一次；复核提前 {review_notice_days} 天提醒；未满 {child_age} 岁算儿童。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>备份已取消。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>正在检查数据…</translation>
    </message>
    <message>
        <source>All is in order: {a} audit entries and {c} changes checked; every record, points balance and guard is as cunwu wrote it.</source>
        <translation>一切正常：已检查 {a} 条审计记录和 {c} 条变更；每条记录、积分余额和保护措施都与村务程序写入的一致。</translation>
    </message>
    <message>
        <source>The check found problems:</source>
        <translation>检查发现以下问题：</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>已备份到：{path}</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Assign case</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Record an action</source>
        <translation>记录处置</translation>
    </message>
    <message>
        <source>Escalate to the township</source>
        <translation>上报乡镇</translation>
    </message>
    <message>
        <source>Return case</source>
        <translation>退回工单</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>办结工单</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>The matter is settled</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <source>Handler (account)</source>
        <translation>承办人（账户）</translation>
    </message>
    <message>
        <source>or township department</source>
        <translation>或乡镇部门</translation>
    </message>
    <message>
        <source>Township department</source>
        <translation>乡镇部门</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Decision (benefits)</source>
        <translation>决定（救助待遇类）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What and why</source>
        <translation>情况及原因</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync with the district</source>
        <translation>与区县同步</translation>
    </message>
    <message>
        <source>Where things stand</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>上报到</translation>
    </message>
    <message>
        <source>Village key fingerprint (read in groups of four)</source>
        <translation>本村钥匙指纹（四个一组念）</translation>
    </message>
    <message>
        <source>Last export (number · time · file)</source>
        <translation>最近导出（批号 · 时间 · 文件）</translation>
    </message>
    <message>
        <source>Last receipt (number · time)</source>
        <translation>最近回执（批号 · 时间）</translation>
    </message>
    <message>
        <source>Changes the district has not confirmed</source>
        <translation>区里还没确认的改动（条）</translation>
    </message>
    <message>
        <source>Last time the district confirmed</source>
        <translation>区里最近一次确认</translation>
    </message>
    <message>
        <source>District&apos;s copy</source>
        <translation>区县数据</translation>
    </message>
    <message>
        <source>Enrol with the district…</source>
        <translation>在区县登记…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>District server</source>
        <translation>区县服务器</translation>
    </message>
    <message>
        <source>Send over the network</source>
        <translation>通过网络发送</translation>
    </message>
    <message>
        <source>Import a receipt…</source>
        <translation>导入回执…</translation>
    </message>
    <message>
        <source>Import district bundles…</source>
        <translation>导入区县数据包…</translation>
    </message>
    <message>
        <source>Make a new key…</source>
        <translation>更换密钥…</translation>
    </message>
    <message>
        <source>not enrolled yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>The district&apos;s data matches this village&apos;s</source>
        <translation>区县数据与本村一致</translation>
    </message>
    <message>
        <source>{entity} (here {village}, district {district})</source>
        <translation>{entity}（本村 {village}，区县 {district}）</translation>
    </message>
    <message>
        <source>Differs from this village&apos;s: {list}. These are sent again in full with the next bundle.</source>
        <translation>与本村不一致：{list}。这些数据将随下一个数据包全部重新发送。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>This village has not enrolled with the district yet; a clerk does that on this page.</source>
        <translation>本村还没在区里登记；由文书在这一页办理。</translation>
    </message>
    <message>
        <source>The district has every change. Nothing to do now.</source>
        <translation>区里已经收到全部改动，现在不用做什么。</translation>
    </message>
    <message>
        <source>{n} changes have not been confirmed by the district yet; a clerk sends them from this page.</source>
        <translation>还有 {n} 条改动区里没确认；由文书在这一页发送。</translation>
    </message>
    <message>
        <source>Next: enrol with the district once. Click &apos;Enrol with the district…&apos; and follow its two steps.</source>
        <translation>下一步：先在区县登记一次。点「在区县登记…」，按两步做完。</translation>
    </message>
    <message>
        <source>Next: the district&apos;s copy differs from this village&apos;s. Plug in the USB stick, click &apos;Export bundle&apos; and take the file to the district to send it again.</source>
        <translation>下一步：区县数据与本村不一致。请插入U盘，点击“导出数据包”，把文件送到区县重新发送。</translation>
    </message>
    <message>
        <source>Next: {n} changes have not reached the district. Plug in the USB stick, click &apos;Export bundle&apos; and take the file to the district.</source>
        <translation>下一步：有 {n} 条改动还没送到区里。插上U盘，点「导出数据包」，把文件交到区里。</translation>
    </message>
    <message>
        <source>Next: bundle {seq} holds every change. When the district gives you its receipt, click &apos;Import a receipt…&apos;.</source>
        <translation>下一步：第 {seq} 批已包含全部改动。区里给了回执后，点「导入回执…」。</translation>
    </message>
    <message>
        <source>USB drive: {0}</source>
        <translation>U盘：{0}</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>This computer cannot keep the village&apos;s signing key for you, so it is locked in a file with a passphrase. Choose a passphrase of at least 8 characters and write it down somewhere safe:</source>
        <translation>这台电脑不能替您保管村里的签名钥匙，要用一个口令把它锁在文件里。请设一个至少 8 位的口令，写下来放在稳妥的地方：</translation>
    </message>
    <message>
        <source>Type the sync passphrase chosen when the village enrolled. It is asked once until you log out:</source>
        <translation>请输入登记时设的同步口令。退出登录之前只问这一次：</translation>
    </message>
    <message>
        <source>Type the same passphrase again, to be sure it has no typing mistake:</source>
        <translation>请再输一遍同样的口令，确认没有打错：</translation>
    </message>
    <message>
        <source>The two passphrases differ. Nothing was done; try again.</source>
        <translation>两次输入的口令不一样。什么也没做，请再试一次。</translation>
    </message>
    <message>
        <source>Sync passphrase</source>
        <translation>同步口令</translation>
    </message>
    <message>
        <source>Export the bundle to</source>
        <translation>将数据包导出到</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在写出数据包…</translation>
    </message>
    <message>
        <source>Bundle {0} written and checked: {1}. Take it to the district.</source>
        <translation>数据包 {0} 已写出并校验：{1}。请送交区县。</translation>
    </message>
    <message>
        <source>Sending to the district…</source>
        <translation>正在发送到区县…</translation>
    </message>
    <message>
        <source>Sent. The district confirmed bundle {0}.</source>
        <translation>已发送。区县已确认数据包 {0}。</translation>
    </message>
    <message>
        <source>District receipt</source>
        <translation>区县回执</translation>
    </message>
    <message>
        <source>The district holds every change up to bundle {0}.</source>
        <translation>区县已收到截至数据包 {0} 的全部变更。</translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <source>Table title, e.g. 收支明细</source>
        <translation>表格标题，如：收支明细</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Add column</source>
        <translation>添加列</translation>
    </message>
    <message>
        <source>Remove column</source>
        <translation>删除列</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Column {n}</source>
        <translation>第 {n} 列</translation>
    </message>
    <message>
        <source>Column name</source>
        <translation>列名</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>TablesEditor</name>
    <message>
        <source>Add table</source>
        <translation>添加表格</translation>
    </message>
    <message>
        <source>Remove table</source>
        <translation>删除表格</translation>
    </message>
    <message>
        <source>Import from Excel (.xlsx)…</source>
        <translation>从 Excel 导入（.xlsx）…</translation>
    </message>
    <message>
        <source>Table {n}</source>
        <translation>表格 {n}</translation>
    </message>
    <message>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>User accounts</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Everyone who uses cunwu on this computer logs in with an account of their own, so that the records say who did what. A disabled account can no longer log in; what its user recorded stays.</source>
        <translation>在这台电脑上使用村务系统的每个人都用自己的账户登录，这样记录里能看出是谁做的。停用的账户不能再登录，该用户录入的记录仍然保留。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建用户…</translation>
    </message>
    <message>
        <source>New password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>{name} will no longer be able to log in. What they recorded stays, and the account can be enabled again.</source>
        <translation>{name} 将不能再登录。其录入的记录仍然保留，账户以后可以重新启用。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Check a printed notice</source>
        <translation>核验公示码</translation>
    </message>
    <message>
        <source>Type the code printed under the notice&apos;s QR code (like 7K2M-9QXD-4HBR), or scan the QR code into the box. cunwu says whether the sheet on the wall is the notice as recorded.</source>
        <translation>输入公告二维码下方印的核验码（例如 7K2M-9QXD-4HBR），或用扫码枪扫入二维码。系统会告诉您墙上张贴的公告是否与记录一致。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验</translation>
    </message>
</context>
<context>
    <name>_CertificatePage</name>
    <message>
        <source>2. Install the district certificate</source>
        <translation>2. 安装区县证书</translation>
    </message>
    <message>
        <source>Load the certificate…</source>
        <translation>载入证书…</translation>
    </message>
    <message>
        <source>District fingerprint in the certificate:</source>
        <translation>证书中的区县指纹：</translation>
    </message>
    <message>
        <source>The district clerk read out exactly this fingerprint</source>
        <translation>区县工作人员念出的指纹与此完全一致</translation>
    </message>
    <message>
        <source>District certificate</source>
        <translation>区县证书</translation>
    </message>
</context>
<context>
    <name>_RequestPage</name>
    <message>
        <source>1. Write the enrolment request</source>
        <translation>1. 写出登记申请</translation>
    </message>
    <message>
        <source>Save the request on a USB stick and take it to the district. Then phone the district clerk and read them these characters, four at a time:</source>
        <translation>把申请存到U盘上交到区里。然后给区里的工作人员打电话，把下面的字符四个一组念给他听：</translation>
    </message>
    <message>
        <source>Write the request…</source>
        <translation>写出申请…</translation>
    </message>
    <message>
        <source>Enrolment request</source>
        <translation>登记申请</translation>
    </message>
    <message>
        <source>Enrolment request {code}</source>
        <translation>登记申请 {code}</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已写出：{0}</translation>
    </message>
</context>
</TS>
