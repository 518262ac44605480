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
        <source>Finding…</source>
        <translation>正在查找…</translation>
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
    <name>DisclosuresPage</name>
    <message>
        <source>Disclosures</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>Public disclosures (党务、村务、财务公开): notices built and printed from the records, the posting schedule and what is due.</source>
        <translation>党务、村务、财务公开：根据记录生成并打印公开公告，安排公开时间，提示到期事项。</translation>
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
</context>
<context>
    <name>MainWindow</name>
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
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>议事</translation>
    </message>
    <message>
        <source>Meetings and decisions (四议两公开): sign-in, quorum, votes, resolutions and minutes, printed ready for signing.</source>
        <translation>议事与决策（四议两公开）：签到、到会人数、表决、决议和会议记录，打印后即可签字。</translation>
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
        <source>Points waiting for approval. The user who entered them cannot approve them.</source>
        <translation>待审核的积分。录入人不能审核自己录入的积分。</translation>
    </message>
    <message>
        <source>New activity…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Start 公示</source>
        <translation>开始公示</translation>
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
        <source>Approve</source>
        <translation>审核通过</translation>
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
        <source>New goods…</source>
        <translation>新增商品…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
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
        <source>Entered by</source>
        <translation>录入人</translation>
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
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Name, pinyin or ID number</source>
        <translation>姓名、拼音或身份证号</translation>
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
        <source>Reverse entry</source>
        <translation>冲销记录</translation>
    </message>
    <message>
        <source>Why is this entry reversed?</source>
        <translation>为什么冲销这条记录？</translation>
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
        <source>Redeeming…</source>
        <translation>正在兑换…</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>将兑换凭证保存为 PDF</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>The residents register: households and the people in them, special groups (低保, 五保, disabled, elderly living alone) and their follow-up visits, with roster import and export.</source>
        <translation>居民台账：户和家庭成员，低保、五保、残疾人、独居老人等重点人群及走访记录，花名册导入导出。</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Points rule</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>UUID of the meeting (optional)</source>
        <translation>会议 UUID（可不填）</translation>
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
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>备份已取消。</translation>
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
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sending records to the district: enrolment, bundles on a USB stick or over the network, and receipts showing what the district has received.</source>
        <translation>向乡镇（街道）报送记录：注册登记、用U盘或通过网络报送数据包，以及显示乡镇已收到哪些数据的回执。</translation>
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
</TS>
