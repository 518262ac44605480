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
        <source>The points system (积分制): rules, activities, approval and 公示, each household&apos;s balance and redemption of goods.</source>
        <translation>积分制管理：积分规则、活动登记、审核与公示、每户积分余额和积分兑换。</translation>
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
