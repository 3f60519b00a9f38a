<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Backup</name>
    <message>
        <source>重新生成恢复码</source>
        <translation>New recovery code</translation>
    </message>
    <message>
        <source>请输入当前密码：</source>
        <translation>Enter the current passphrase:</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>恢复前程序会先锁定。恢复后，现在的数据会移到数据文件夹中的 replaced-日期 文件夹里，不会删除。继续吗？</source>
        <translation>The program locks first. After the restore, the present data is moved into a replaced-DATE folder inside the data folder, never deleted. Continue?</translation>
    </message>
    <message>
        <source>备份文件是加密的，用备份时的密码打开。建议每月备份一次，存到U盘并另处保管。</source>
        <translation>Backups are encrypted and open with the passphrase of the day they were made. Back up monthly to a USB stick kept somewhere else.</translation>
    </message>
    <message>
        <source>立即备份…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>重新生成并打印恢复码…</source>
        <translation>New recovery code and print…</translation>
    </message>
    <message>
        <source>恢复码丢失或没有打印时使用：旧恢复码随即作废</source>
        <translation>When the recovery sheet is lost or was never printed: the old code stops working</translation>
    </message>
    <message>
        <source>上次备份：{when}</source>
        <translation>Last backup: {when}</translation>
    </message>
    <message>
        <source>还没有在本程序中备份过。</source>
        <translation>No backup made in this program yet.</translation>
    </message>
    <message>
        <source>有效的恢复码编号：{number}（恢复码纸上“恢复码编号”相同的那张有效）</source>
        <translation>Recovery code in force: {number} (the printed sheet with this number works)</translation>
    </message>
    <message>
        <source>保存备份</source>
        <translation>Save the backup</translation>
    </message>
    <message>
        <source>备份文件 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>新的恢复码：{code}
旧恢复码已作废。请打印或工整抄下，锁在柜中保管。</source>
        <translation>New recovery code: {code}
The old code no longer works. Print it or copy it neatly, and keep it locked away.</translation>
    </message>
    <message>
        <source>恢复码 {day}.pdf</source>
        <translation>Recovery code {day}.pdf</translation>
    </message>
    <message>
        <source>正在生成恢复码…</source>
        <translation>Making a new recovery code…</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>预备期满，准备转正</source>
        <translation>Probation ends: prepare the conversion</translation>
    </message>
    <message>
        <source>{name}（{org}）</source>
        <translation>{name} ({org})</translation>
    </message>
    <message>
        <source>预备期已满，尚未讨论转正</source>
        <translation>Probation over, conversion not yet decided</translation>
    </message>
    <message>
        <source>学习学时不足</source>
        <translation>Study hours short</translation>
    </message>
    <message>
        <source>{year}年有 {count} 人未达到目标学时</source>
        <translation>{count} members below the {year} study target</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>党员队伍构成（人员类别）</source>
        <translation>Membership by category</translation>
    </message>
    <message>
        <source>年龄结构</source>
        <translation>Age structure</translation>
    </message>
    <message>
        <source>年度学习进度（人数）</source>
        <translation>Study progress this year (members)</translation>
    </message>
    <message>
        <source>待办事项</source>
        <translation>Due list</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>在册党员 {party} 人（另有入党申请人、积极分子、发展对象 {others} 人） · 组织 {orgs} 个 · 会议 {meetings} 次</source>
        <translation>{party} party members on the roll ({others} more applicants, activists and candidates) · {orgs} organisations · {meetings} meetings</translation>
    </message>
    <message>
        <source>≤30岁</source>
        <translation>≤ 30</translation>
    </message>
    <message>
        <source>≥61岁</source>
        <translation>61 +</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>会议尚未召开</source>
        <translation>Meetings not yet held</translation>
    </message>
    <message>
        <source>{org}：{items}</source>
        <translation>{org}: {items}</translation>
    </message>
    <message>
        <source>连续{months}个月未交党费</source>
        <translation>{months} months of dues unpaid</translation>
    </message>
    <message>
        <source>连续{months}个月未交党费，须查明原因</source>
        <translation>{months} months of dues unpaid: find out why</translation>
    </message>
    <message>
        <source>{name}（{org}），欠交 {amount} 元</source>
        <translation>{name} ({org}), {amount} yuan owed</translation>
    </message>
    <message>
        <source>党费计算基数未登记</source>
        <translation>Dues base not recorded</translation>
    </message>
    <message>
        <source>{year}年有 {count} 名党员尚未登记基数</source>
        <translation>{count} members have no dues base recorded for {year}</translation>
    </message>
    <message>
        <source>本月“三会一课”进度（支部数）</source>
        <translation>Required meetings this month (branches)</translation>
    </message>
    <message>
        <source>正在汇总…</source>
        <translation>Summarising…</translation>
    </message>
    <message>
        <source>31–40岁</source>
        <translation>31–40</translation>
    </message>
    <message>
        <source>41–50岁</source>
        <translation>41–50</translation>
    </message>
    <message>
        <source>51–60岁</source>
        <translation>51–60</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>已开齐</source>
        <translation>All held</translation>
    </message>
    <message>
        <source>尚未开齐</source>
        <translation>Some still to hold</translation>
    </message>
    <message>
        <source>已达标</source>
        <translation>Target met</translation>
    </message>
    <message>
        <source>过半</source>
        <translation>Over half</translation>
    </message>
    <message>
        <source>不到一半</source>
        <translation>Under half</translation>
    </message>
    <message>
        <source>尚未学习</source>
        <translation>None yet</translation>
    </message>
</context>
<context>
    <name>Development</name>
    <message>
        <source>入党申请</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>积极分子培养</source>
        <translation>Activist training</translation>
    </message>
    <message>
        <source>发展对象考察</source>
        <translation>Candidate vetting</translation>
    </message>
    <message>
        <source>预备党员接收</source>
        <translation>Admission</translation>
    </message>
    <message>
        <source>预备期考察和转正</source>
        <translation>Probation and conversion</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>{date}起</source>
        <translation>from {date}</translation>
    </message>
    <message>
        <source>发展党员</source>
        <translation>Development</translation>
    </message>
    <message>
        <source>全部支部</source>
        <translation>All branches</translation>
    </message>
    <message>
        <source>新增入党申请人…</source>
        <translation>New applicant…</translation>
    </message>
    <message>
        <source>按《发展党员工作细则》五个阶段二十五个步骤记录；红色为已过期限的下一步。</source>
        <translation>Recorded in the five stages and 25 steps of the development rules; red: the next step is overdue.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>所在支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>有关人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>情况记载</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>登记步骤…</source>
        <translation>Record step…</translation>
    </message>
    <message>
        <source>登记事件…</source>
        <translation>Record event…</translation>
    </message>
    <message>
        <source>作废选定记录…</source>
        <translation>Void selected…</translation>
    </message>
    <message>
        <source>打印纪实表…</source>
        <translation>Print record…</translation>
    </message>
    <message>
        <source>{name}&#x3000;{category}&#x3000;{org}&#x3000;（{stage}）</source>
        <translation>{name}  {category}  {org}  ({stage})</translation>
    </message>
    <message>
        <source>下一步：{items}</source>
        <translation>Next: {items}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>{n}天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>{n}学时</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <source>已作废：{reason}</source>
        <translation>voided: {reason}</translation>
    </message>
    <message>
        <source>当前阶段没有可登记的事件</source>
        <translation>No event can be recorded at this stage</translation>
    </message>
    <message>
        <source>请先在右侧选定一条未作废的记录。</source>
        <translation>Select a record that is not voided on the right first.</translation>
    </message>
    <message>
        <source>作废记录</source>
        <translation>Void record</translation>
    </message>
    <message>
        <source>作废“{what}”（{date}）的理由：</source>
        <translation>Reason for voiding “{what}” ({date}):</translation>
    </message>
    <message>
        <source>{name} 发展党员工作纪实表.pdf</source>
        <translation>{name} development record.pdf</translation>
    </message>
</context>
<context>
    <name>DevelopmentDue</name>
    <message>
        <source>发展党员：{step}</source>
        <translation>Development: {step}</translation>
    </message>
    <message>
        <source>{name}（{org}）</source>
        <translation>{name} ({org})</translation>
    </message>
    <message>
        <source>转出回执未收到</source>
        <translation>Transfer receipt not received</translation>
    </message>
    <message>
        <source>转出回执逾期未收到，请联系接收单位</source>
        <translation>Transfer receipt overdue: contact the receiving unit</translation>
    </message>
    <message>
        <source>{name}（{date}转往{org}）</source>
        <translation>{name} (to {org} on {date})</translation>
    </message>
    <message>
        <source>外单位转来组织关系，待接收</source>
        <translation>Transfer from another unit waiting for you</translation>
    </message>
    <message>
        <source>{name}（来自{org}）</source>
        <translation>{name} (from {org})</translation>
    </message>
    <message>
        <source>转出被接收单位拒收，请重新办理</source>
        <translation>Transfer refused by the receiving unit: act again</translation>
    </message>
    <message>
        <source>{name}：{reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <source>外出流动满六个月，应转移正式组织关系</source>
        <translation>Away six months: the membership should be transferred</translation>
    </message>
    <message>
        <source>{name}（{since}起外出）</source>
        <translation>{name} (away since {since})</translation>
    </message>
    <message>
        <source>失去联系满六个月，经查找仍无法联系的应停止党籍</source>
        <translation>Out of contact six months: suspend membership if still unreachable</translation>
    </message>
    <message>
        <source>{name}（{since}起失联）</source>
        <translation>{name} (out of contact since {since})</translation>
    </message>
    <message>
        <source>停止党籍满两年，仍无法取得联系的按自行脱党除名</source>
        <translation>Suspended two years: strike off as self-lapsed if still unreachable</translation>
    </message>
    <message>
        <source>{name}（{since}起停止党籍）</source>
        <translation>{name} (suspended since {since})</translation>
    </message>
</context>
<context>
    <name>DueOrgLife</name>
    <message>
        <source>委员会任期将满，准备换届</source>
        <translation>Committee term ending: prepare the election</translation>
    </message>
    <message>
        <source>{org}（还有 {days} 天）</source>
        <translation>{org} ({days} days left)</translation>
    </message>
    <message>
        <source>委员会任期已满，应换届</source>
        <translation>Committee term over: election due</translation>
    </message>
    <message>
        <source>{org}（已超期 {days} 天）</source>
        <translation>{org} ({days} days overdue)</translation>
    </message>
    <message>
        <source>书记本年尚未讲党课</source>
        <translation>Secretary has not given a party lecture this year</translation>
    </message>
    <message>
        <source>{org}：{name}</source>
        <translation>{org}: {name}</translation>
    </message>
    <message>
        <source>谈心谈话尚未完成</source>
        <translation>Heart-to-heart talks not complete</translation>
    </message>
    <message>
        <source>{org}：书记{name}尚未谈话 {n} 人，委员之间尚缺 {pairs} 对</source>
        <translation>{org}: secretary {name} has yet to talk with {n}; {pairs} committee pairs missing</translation>
    </message>
    <message>
        <source>民主评议处置尚未确定</source>
        <translation>Appraisal follow-up not decided</translation>
    </message>
    <message>
        <source>民主评议处置尚未完成</source>
        <translation>Appraisal follow-up not done</translation>
    </message>
    <message>
        <source>{name}（{year}年评为{grade}，{org}）</source>
        <translation>{name} (graded {grade} in {year}, {org})</translation>
    </message>
    <message>
        <source>组织生活会整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>{org}：{problem}（{owner}）</source>
        <translation>{org}: {problem} ({owner})</translation>
    </message>
</context>
<context>
    <name>Dues</name>
    <message>
        <source>按月收缴党费</source>
        <translation>Monthly dues collection</translation>
    </message>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>起，每人交纳</source>
        <translation>onwards, each paying</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>交纳日期</source>
        <translation>Date paid</translation>
    </message>
    <message>
        <source>交纳方式</source>
        <translation>Way of payment</translation>
    </message>
    <message>
        <source>下面列出这几个月都还没有交的党员和应交金额。没有交的请取消勾选；金额可以改（多出的部分记为自愿多交，少交须先登记审批）；收据号不填则自动编号。</source>
        <translation>Below are the members who have not paid these months yet, with what they owe. Untick those who did not pay; amounts can be changed (an excess is recorded as voluntary extra, paying less needs an approval first); receipts without a number are numbered automatically.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>实交金额（元）</source>
        <translation>Amount paid (yuan)</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>全部登记</source>
        <translation>Record all</translation>
    </message>
    <message>
        <source>共 {n} 人应交，已勾选 {k} 人，合计 {total} 元</source>
        <translation>{n} members owe; {k} ticked, {total} yuan in all</translation>
    </message>
    <message>
        <source>（{bad} 处金额格式不对）</source>
        <translation> ({bad} amounts are not valid)</translation>
    </message>
    <message>
        <source>{names}等{n}人</source>
        <translation>{names} and others ({n} in all)</translation>
    </message>
    <message>
        <source>{warning}：{names}</source>
        <translation>{warning}: {names}</translation>
    </message>
    <message>
        <source>没有勾选任何党员</source>
        <translation>No member is ticked</translation>
    </message>
    <message>
        <source>{name}：应交 {due}，填写 {amount}</source>
        <translation>{name}: {due} due, {amount} entered</translation>
    </message>
    <message>
        <source>按月收缴{n}人党费</source>
        <translation>Dues collection of {n} members</translation>
    </message>
    <message>
        <source>撤销误登记</source>
        <translation>Undone: recorded by mistake</translation>
    </message>
    <message>
        <source>正在登记…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>多于应交的金额</source>
        <translation>Amounts above what is due</translation>
    </message>
    <message>
        <source>以下{n}人填写的金额多于应交，多出的部分将登记为自愿多交党费：
{lines}

确实是自愿多交吗？选“否”回去改金额。</source>
        <translation>{n} member(s) have an amount above what is due; the excess will be recorded as voluntary extra dues:
{lines}

Is it really extra? Choose “No” to go back and correct the amounts.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <source>登记党费计算基数</source>
        <translation>Set the dues base</translation>
    </message>
    <message>
        <source> 月起</source>
        <translation> onward</translation>
    </message>
    <message>
        <source>年中调整基数（如7月起加薪）：此前各月仍按原基数计算</source>
        <translation>A change within the year (e.g. a pay rise from July): the months before keep the base before</translation>
    </message>
    <message>
        <source>每月收入，如 4500 或 4500.50</source>
        <translation>Monthly income, e.g. 4500 or 4500.50</translation>
    </message>
    <message>
        <source>农民党员按省定标准，如 0.50</source>
        <translation>Farmers: the province&apos;s amount, e.g. 0.50</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>适用月份</source>
        <translation>From month</translation>
    </message>
    <message>
        <source>交纳类别</source>
        <translation>Dues category</translation>
    </message>
    <message>
        <source>月收入（元）</source>
        <translation>Monthly income (yuan)</translation>
    </message>
    <message>
        <source>每月交纳（元）</source>
        <translation>Monthly dues (yuan)</translation>
    </message>
    <message>
        <source>每月应交</source>
        <translation>Monthly dues</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{monthly} 元</source>
        <translation>{monthly} yuan</translation>
    </message>
    <message>
        <source>{lo} 元以上至 {hi} 元（含）</source>
        <translation>above {lo} up to {hi} yuan (inclusive)</translation>
    </message>
    <message>
        <source>{hi} 元及以下</source>
        <translation>up to {hi} yuan</translation>
    </message>
    <message>
        <source>{lo} 元以上</source>
        <translation>above {lo} yuan</translation>
    </message>
    <message>
        <source>（按 {pct} 交纳，{band}）</source>
        <translation> ({pct} of the whole base, {band})</translation>
    </message>
    <message>
        <source>请先选择党员</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>登记交纳党费</source>
        <translation>Record a dues payment</translation>
    </message>
    <message>
        <source>不填则自动编号</source>
        <translation>Leave empty to number automatically</translation>
    </message>
    <message>
        <source>超出应交的部分为自愿多交</source>
        <translation>The excess over what is due is voluntary extra</translation>
    </message>
    <message>
        <source>如：由家属代交</source>
        <translation>e.g. paid by a relative</translation>
    </message>
    <message>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>月数</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>登记{name}的党费</source>
        <translation>Dues payment of {name}</translation>
    </message>
    <message>
        <source>登记少交或免交审批</source>
        <translation>Record an approved reduction or exemption</translation>
    </message>
    <message>
        <source>少交</source>
        <translation>Reduce</translation>
    </message>
    <message>
        <source>免交</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>批准后每月交纳，如 5.00</source>
        <translation>Approved monthly amount, e.g. 5.00</translation>
    </message>
    <message>
        <source>支部委员会</source>
        <translation>Branch committee</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <source>批准日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>批准组织</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>少交或免交须本人申请、支部研究、上级党委批准。</source>
        <translation>Paying less or nothing needs the member&apos;s application, the branch&apos;s review and the higher committee&apos;s approval.</translation>
    </message>
    <message>
        <source>月交纳额</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>{m}月</source>
        <translation>{m}</translation>
    </message>
    <message>
        <source>应交</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已交</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>欠交月数</source>
        <translation>Mo. owed</translation>
    </message>
    <message>
        <source>欠交金额</source>
        <translation>Owed</translation>
    </message>
    <message>
        <source>未登记基数</source>
        <translation>No base</translation>
    </message>
    <message>
        <source>待交</source>
        <translation>to pay</translation>
    </message>
    <message>
        <source>欠</source>
        <translation>owed</translation>
    </message>
    <message>
        <source>免</source>
        <translation>exempt</translation>
    </message>
    <message>
        <source>{year}年{m}月</source>
        <translation>{year}-{m}</translation>
    </message>
    <message>
        <source>{when}：已交 {amount} 元</source>
        <translation>{when}: paid {amount} yuan</translation>
    </message>
    <message>
        <source>{when}：欠交 {amount} 元</source>
        <translation>{when}: owes {amount} yuan</translation>
    </message>
    <message>
        <source>{when}：尚未到期（应交 {amount} 元）</source>
        <translation>{when}: not yet due ({amount} yuan)</translation>
    </message>
    <message>
        <source>{when}：经批准免交</source>
        <translation>{when}: exempt by approval</translation>
    </message>
    <message>
        <source>{when}：不在本单位交纳</source>
        <translation>{when}: not paid at this unit</translation>
    </message>
    <message>
        <source>{when}：本月应交 {amount} 元，尚未交纳</source>
        <translation>{when}: {amount} yuan to pay this month, not paid yet</translation>
    </message>
    <message>
        <source>（经批准少交）</source>
        <translation> (approved reduction)</translation>
    </message>
    <message>
        <source>党费</source>
        <translation>Dues</translation>
    </message>
    <message>
        <source>年度 </source>
        <translation>Year </translation>
    </message>
    <message>
        <source>只看欠交</source>
        <translation>Only members owing</translation>
    </message>
    <message>
        <source>按姓名筛选</source>
        <translation>Filter by name</translation>
    </message>
    <message>
        <source>统计截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>按月收缴…</source>
        <translation>Monthly collection…</translation>
    </message>
    <message>
        <source>登记交纳…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <source>登记基数…</source>
        <translation>Set base…</translation>
    </message>
    <message>
        <source>作废基数…</source>
        <translation>Void base…</translation>
    </message>
    <message>
        <source>沿用上年基数</source>
        <translation>Carry last year&apos;s bases</translation>
    </message>
    <message>
        <source>少交/免交…</source>
        <translation>Reduce/exempt…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>交纳记录（选中上表一人）</source>
        <translation>Payments (select one member above)</translation>
    </message>
    <message>
        <source>打印收据…</source>
        <translation>Print receipt…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>其中自愿多交</source>
        <translation>Of which voluntary</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Way</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>已交（金额）</source>
        <translation>paid (amount)</translation>
    </message>
    <message>
        <source>欠 = 欠交</source>
        <translation>owed</translation>
    </message>
    <message>
        <source>待交 = 本月尚未交</source>
        <translation>to pay = this month, not paid yet</translation>
    </message>
    <message>
        <source>免 = 批准免交</source>
        <translation>exempt = approved</translation>
    </message>
    <message>
        <source>批准少交</source>
        <translation>approved reduction</translation>
    </message>
    <message>
        <source>— = 不在本单位</source>
        <translation>— = not at this unit</translation>
    </message>
    <message>
        <source>正在汇总党费…</source>
        <translation>Adding up the dues…</translation>
    </message>
    <message>
        <source>{members} 人 · 应交 {due} 元 · 已交 {paid} 元 · 欠交 {arrears} 元（{owing} 人）</source>
        <translation>{members} members · due {due} · paid {paid} · owed {arrears} ({owing} members)</translation>
    </message>
    <message>
        <source> · 本月待交 {pending} 元（{n} 人）</source>
        <translation> · this month still to pay {pending} ({n} members)</translation>
    </message>
    <message>
        <source> · {n} 人未登记基数</source>
        <translation> · {n} without a base</translation>
    </message>
    <message>
        <source>{name} {year}年交纳记录</source>
        <translation>Payments of {name} in {year}</translation>
    </message>
    <message>
        <source>作废基数</source>
        <translation>Void base</translation>
    </message>
    <message>
        <source>请先在上表选中一位有本年度基数的党员</source>
        <translation>First select a member with a base for this year in the table above</translation>
    </message>
    <message>
        <source>自{year}年{month}月起 每月{monthly}元</source>
        <translation>From {month}/{year}: {monthly} a month</translation>
    </message>
    <message>
        <source>{name} {year}年的基数：</source>
        <translation>{name}&apos;s bases for {year}:</translation>
    </message>
    <message>
        <source>作废 {name} {base}。原因：</source>
        <translation>Void {name}&apos;s base ({base}). Reason:</translation>
    </message>
    <message>
        <source>给{year}年还没有基数的党员沿用{last}年的交纳类别和收入（按现行标准重新计算），已登记的不变。继续吗？</source>
        <translation>Members without a base for {year} get their {last} category and income (the amount worked out by the current table); bases already set stay as they are. Continue?</translation>
    </message>
    <message>
        <source>已为 {n} 名党员登记{year}年基数。</source>
        <translation>Bases for {year} set for {n} members.</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>请先在交纳记录中选中一笔（未作废的）交纳</source>
        <translation>Select a payment (not voided) in the list first</translation>
    </message>
    <message>
        <source>党费收据 {no} {name}.pdf</source>
        <translation>Dues receipt {no} {name}.pdf</translation>
    </message>
    <message>
        <source>作废交纳记录</source>
        <translation>Void a payment</translation>
    </message>
    <message>
        <source>作废 {name} {period} 的交纳（{amount} 元）。原因：</source>
        <translation>Void the payment of {name} for {period} ({amount} yuan). Reason:</translation>
    </message>
    <message>
        <source>保存 Excel 文件</source>
        <translation>Save the Excel file</translation>
    </message>
    <message>
        <source>{unit}{year}年党费收缴台账.xlsx</source>
        <translation>{unit} dues ledger {year}.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出 {path}（{n} 人）。现在打开吗？</source>
        <translation>Exported {path} ({n} members). Open it now?</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已作废：{reason}</source>
        <translation>Voided: {reason}</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
</context>
<context>
    <name>EditorGuard</name>
    <message>
        <source>尚未保存</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>所做的修改还没有保存。</source>
        <translation>Your changes have not been saved.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>请先改正“{field}”：{message}</source>
        <translation>Please correct “{field}” first: {message}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>这次操作没有保存任何内容，数据和出错前一样。</source>
        <translation>This operation saved nothing; the data is as it was before the error.</translation>
    </message>
    <message>
        <source>出错前这次操作已经保存了一部分内容，请检查刚才的修改。</source>
        <translation>Part of this operation was saved before the error; check what you just changed.</translation>
    </message>
    <message>
        <source>不能确定这次操作是否保存了内容，请检查刚才的修改。</source>
        <translation>It is not known whether this operation saved anything; check what you just changed.</translation>
    </message>
    <message>
        <source>出现意外错误（{kind}，编号 {ref}）。{state}已记入日志；如果反复出现，请在“设置 → 技术支持”中生成诊断包，连同编号交给上级组织。</source>
        <translation>An unexpected error occurred ({kind}, reference {ref}). {state} It has been logged; if it keeps happening, make a support zip in Settings → Support and send it with the reference to the higher committee.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>转往组织</source>
        <translation>Destination organisation</translation>
    </message>
    <message>
        <source>转出组织</source>
        <translation>Origin organisation</translation>
    </message>
    <message>
        <source>介绍信编号</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <source>外出流向</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>出党方式</source>
        <translation>Exit kind</translation>
    </message>
    <message>
        <source>延长月数</source>
        <translation>Months of extension</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记事件：{kind} — {name}</source>
        <translation>Record event: {kind} — {name}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>按党费台账填写，可修改</source>
        <translation>From the dues ledger; may be changed</translation>
    </message>
    <message>
        <source>登记{name}的{kind}</source>
        <translation>{kind} recorded for {name}</translation>
    </message>
    <message>
        <source>接收单位代码（系统内单位）</source>
        <translation>Receiving unit code (in this system)</translation>
    </message>
    <message>
        <source>党费交至（年-月）</source>
        <translation>Dues paid to (YYYY-MM)</translation>
    </message>
    <message>
        <source>有效期（天）</source>
        <translation>Valid (days)</translation>
    </message>
    <message>
        <source>推荐方式</source>
        <translation>Recommended by</translation>
    </message>
    <message>
        <source>集中培训特殊情况说明</source>
        <translation>Training: special case</translation>
    </message>
    <message>
        <source>（请选择支部党员大会）</source>
        <translation>(choose the branch general meeting)</translation>
    </message>
    <message>
        <source>支部党员大会</source>
        <translation>Branch general meeting</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>智慧政工离线客户端 — 首次使用</source>
        <translation>ZT Offline Client — first start</translation>
    </message>
    <message>
        <source>欢迎使用智慧政工离线客户端</source>
        <translation>Welcome to the ZT Offline Client</translation>
    </message>
    <message>
        <source>这台电脑上还没有本单位的数据。所有数据加密保存在本机，没有网络也能使用。</source>
        <translation>There is no data for your unit on this computer yet. Everything is kept encrypted on this machine and works without a network.</translation>
    </message>
    <message>
        <source>建立本单位数据</source>
        <translation>Create the unit&apos;s data</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>如：中共某某街道委员会</source>
        <translation>e.g. CPC XX Subdistrict Committee</translation>
    </message>
    <message>
        <source>上级下发的组织代码</source>
        <translation>The code issued by the higher committee</translation>
    </message>
    <message>
        <source>您的姓名（可以以后在“设置”里填）</source>
        <translation>Your name (you can also fill it in later under Settings)</translation>
    </message>
    <message>
        <source>基层党委</source>
        <translation>Grassroots committee</translation>
    </message>
    <message>
        <source>党总支</source>
        <translation>General branch</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>组织代码</source>
        <translation>Organisation code</translation>
    </message>
    <message>
        <source>组织类型</source>
        <translation>Organisation kind</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Person keeping the records</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>密码强度</source>
        <translation>Strength</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>密码至少10个字符（一个汉字算两个），不能是常见密码。建议用一句好记的话加数字。下一步会给出恢复码，忘记密码时用它重设。</source>
        <translation>At least 10 characters (a Chinese character counts as two), and not a common password. A phrase you remember, with digits, works well. The next step gives you a recovery code for when you forget the passphrase.</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>建立</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>正在建立加密数据…</source>
        <translation>Creating the encrypted data…</translation>
    </message>
    <message>
        <source>请保管好恢复码</source>
        <translation>Keep the recovery code safe</translation>
    </message>
    <message>
        <source>忘记密码时，只有这个恢复码能打开数据。它只显示这一次：请现在打印，或工整抄下，放在上锁的柜子里。</source>
        <translation>If the passphrase is forgotten, only this recovery code opens the data. It is shown only now: print it or copy it neatly, and lock it in a cabinet.</translation>
    </message>
    <message>
        <source>打印恢复码…</source>
        <translation>Print the recovery code…</translation>
    </message>
    <message>
        <source>我已打印或抄下恢复码，并妥善保管</source>
        <translation>I have printed or copied the recovery code and put it away safely</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>第一步：选择 Excel 文件</source>
        <translation>Step 1: choose the Excel file</translation>
    </message>
    <message>
        <source>选择党员花名册（.xlsx）。程序会自动找到表头行（如“姓名”“性别”“公民身份号码”），先逐行检查，不会马上写入。旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。</source>
        <translation>Choose a member roster (.xlsx). The program finds the header row (such as 姓名, 性别, 公民身份号码) by itself and checks every row first; nothing is written yet. Save an old .xls as .xlsx in Excel or WPS first.</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>第二步：核对检查结果</source>
        <translation>Step 2: review the check</translation>
    </message>
    <message>
        <source>列的对应关系</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>表中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Imported as</translation>
    </message>
    <message>
        <source>逐行检查发现的问题</source>
        <translation>Problems found row by row</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>建立表中的党支部和党小组</source>
        <translation>Create the branches and groups the file names</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>重新选择文件</source>
        <translation>Choose another file</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>全部导入</source>
        <translation>Import all</translation>
    </message>
    <message>
        <source>跳过有错误的行导入</source>
        <translation>Import, skipping rows with errors</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入其余 {good} 行</source>
        <translation>Import the other {good} rows</translation>
    </message>
    <message>
        <source>跳过有错误的 {bad} 行，导入其余 {good} 行</source>
        <translation>Skip {bad} rows with errors, import the other {good}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;所有文件 (*)</source>
        <translation>Excel files (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>正在逐行检查…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>共 {rows} 行通过检查，将导入 {good} 行。</source>
        <translation>All {rows} rows passed the check; {good} will be imported.</translation>
    </message>
    <message>
        <source>共 {rows} 行，全部通过检查，可以导入。</source>
        <translation>{rows} rows, all passed the check: ready to import.</translation>
    </message>
    <message>
        <source>没有可以导入的行，请看下面的问题。</source>
        <translation>There are no rows to import; see the problems below.</translation>
    </message>
    <message>
        <source>共 {rows} 行，其中 {bad} 行有错误。请在 Excel 中改正后重新选择文件，或跳过这些行只导入其余 {good} 行。</source>
        <translation>{rows} rows, {bad} with errors. Correct them in Excel and choose the file again, or skip those rows and import the other {good}.</translation>
    </message>
    <message>
        <source>其中 {n} 行疑似与已有党员或表中前面的行是同一人（没有身份证号码，姓名和日期相同），默认不导入，请看下面的提醒。</source>
        <translation> {n} of them may be the same person as a member on record or an earlier row (no ID number; same name and date) and are not imported unless you ask; see the notes below.</translation>
    </message>
    <message>
        <source>（另有 {n} 条提醒，不影响导入）</source>
        <translation> ({n} notices besides, which do not stop the import)</translation>
    </message>
    <message>
        <source>将建立：{orgs}。</source>
        <translation> To be created: {orgs}.</translation>
    </message>
    <message>
        <source>疑似重复的 {n} 行也导入（已核实是不同的人）</source>
        <translation>Import the {n} suspected duplicates too (checked: they are other people)</translation>
    </message>
    <message>
        <source>工作表“{sheet}”，第 {row} 行是表头。</source>
        <translation>Sheet “{sheet}”: row {row} is the header.</translation>
    </message>
    <message>
        <source>没有找到表头行。</source>
        <translation>No header row found.</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已导入 {n} 名党员。</source>
        <translation>{n} members imported.</translation>
    </message>
    <message>
        <source>跳过了有错误的 {n} 行。</source>
        <translation> {n} rows with errors were skipped.</translation>
    </message>
    <message>
        <source>疑似重复的 {n} 行没有导入。</source>
        <translation>{n} suspected duplicate rows were not imported.</translation>
    </message>
    <message>
        <source>每名党员的导入都已记入审计日志，可在“党员”中查看。</source>
        <translation> Each import is in the audit log; see the members under Members.</translation>
    </message>
    <message>
        <source>没有导入任何党员：{n} 行都疑似与已有党员或表中前面的行重复（例如同一文件已导入过）。</source>
        <translation>No member imported: all {n} rows may be members already on record or earlier rows (for example, the file was imported before).</translation>
    </message>
    <message>
        <source>没有导入任何党员：文件在检查后有了变化，或已经没有可导入的行。请重新检查。</source>
        <translation>No member was imported: the file changed after the check, or no rows are left to import. Please check again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>智慧政工离线客户端 — {unit}</source>
        <translation>ZT Offline Client — {unit}</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>学习</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Party orgs</translation>
    </message>
    <message>
        <source>党费</source>
        <translation>Dues</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>锁定 (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>撤销：{what}</source>
        <translation>Undo: {what}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>发展党员</source>
        <translation>Development</translation>
    </message>
    <message>
        <source>组织关系</source>
        <translation>Transfers</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>会议记录</source>
        <translation>Meeting record</translation>
    </message>
    <message>
        <source>不填则按组织和会议类型自动生成</source>
        <translation>Left empty: made from the organisation and meeting type</translation>
    </message>
    <message>
        <source>（不编号）</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>勾选后填写会议结束时间</source>
        <translation>Tick to enter when the meeting ended</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting kind</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>第几次</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Ends at</translation>
    </message>
    <message>
        <source>结束时间早于开始时间</source>
        <translation>The end is before the start</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>授课人（党课）</source>
        <translation>Lecturer (party lecture)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>出席情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>缺席原因</source>
        <translation>Reason for absence</translation>
    </message>
    <message>
        <source>列席人员姓名</source>
        <translation>Non-voting attendee</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>列席原因</source>
        <translation>Reason for attending</translation>
    </message>
    <message>
        <source>每行一个议题</source>
        <translation>One agenda item per line</translation>
    </message>
    <message>
        <source>会议内容：发言、报告、讨论情况</source>
        <translation>Minutes: speeches, reports, discussion</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>决议事项</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>赞成</source>
        <translation>For</translation>
    </message>
    <message>
        <source>反对</source>
        <translation>Against</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>书面意见</source>
        <translation>Written opinions</translation>
    </message>
    <message>
        <source>添加其他党员…</source>
        <translation>Add another member…</translation>
    </message>
    <message>
        <source>不在应到名单上的党员（如其他支部来参加的），不计入应到人数</source>
        <translation>A member not on the due list (e.g. from another branch); not counted as due</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>列席</source>
        <translation>Non-voting</translation>
    </message>
    <message>
        <source>议程与记录</source>
        <translation>Agenda and minutes</translation>
    </message>
    <message>
        <source>决议与表决</source>
        <translation>Resolutions and votes</translation>
    </message>
    <message>
        <source>涉及党员</source>
        <translation>Member concerned</translation>
    </message>
    <message>
        <source>录入会议“{title}”</source>
        <translation>New meeting “{title}”</translation>
    </message>
    <message>
        <source>修改会议“{title}”</source>
        <translation>Edit of meeting “{title}”</translation>
    </message>
    <message>
        <source>到会情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <source>会议记录 — {title}</source>
        <translation>Meeting record — {title}</translation>
    </message>
    <message>
        <source>应到 &lt;b&gt;{due}&lt;/b&gt; 人&#x3000;实到 &lt;b&gt;{present}&lt;/b&gt; 人&lt;br&gt;有表决权：应到 &lt;b&gt;{voters_due}&lt;/b&gt;&#x3000;实到 &lt;b&gt;{voters_present}&lt;/b&gt;</source>
        <translation>Due &lt;b&gt;{due}&lt;/b&gt;, present &lt;b&gt;{present}&lt;/b&gt;&lt;br&gt;With a vote: due &lt;b&gt;{voters_due}&lt;/b&gt;, present &lt;b&gt;{voters_present}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>✘ 表决票数不可能，请核对</source>
        <translation>✘ These vote counts are impossible: please check</translation>
    </message>
    <message>
        <source>✔ 到会人数符合要求</source>
        <translation>✔ Quorum met</translation>
    </message>
    <message>
        <source>✘ 到会有表决权的党员未超过半数，不能表决</source>
        <translation>✘ Not more than half of the voting members present: no vote possible</translation>
    </message>
    <message>
        <source>此类会议不要求法定人数</source>
        <translation>No quorum is required for this kind of meeting</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>Meetings</name>
    <message>
        <source>{kind}（{period}）</source>
        <translation>{kind} ({period})</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>去年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部组织</source>
        <translation>All organisations</translation>
    </message>
    <message>
        <source>记录会议</source>
        <translation>Record a meeting</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打印会议记录…</source>
        <translation>Print minutes…</translation>
    </message>
    <message>
        <source>把选定的会议按标准格式生成 PDF，可直接打印</source>
        <translation>Make a PDF of the selected meeting&apos;s minutes in the standard layout, ready to print</translation>
    </message>
    <message>
        <source>打印签到表…</source>
        <translation>Print sign-in sheet…</translation>
    </message>
    <message>
        <source>按应到人员生成会议签到表 PDF</source>
        <translation>Make a PDF sign-in sheet listing the members due</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>误录、重复录入的会议：写明原因后作废，记录仍保留，不再计入统计</source>
        <translation>A meeting recorded by mistake or twice: void it with a reason; the record stays but no longer counts</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>实到/应到</source>
        <translation>Present/due</translation>
    </message>
    <message>
        <source>会议记录</source>
        <translation>Meeting record</translation>
    </message>
    <message>
        <source>本月尚未召开</source>
        <translation>Not yet held this month</translation>
    </message>
    <message>
        <source>本季度尚未召开</source>
        <translation>Not yet held this quarter</translation>
    </message>
    <message>
        <source>{meeting}，已过期</source>
        <translation>{meeting}, overdue</translation>
    </message>
    <message>
        <source>作废会议</source>
        <translation>Void a meeting</translation>
    </message>
    <message>
        <source>作废“{title}”（{day}）：会议记录仍保留，但不再计入应到实到、台账和落实情况，它的决议登记的事项一并撤回。
作废的原因：</source>
        <translation>Void “{title}” ({day}): the record stays, but it no longer counts in attendance, the ledger or compliance, and what its resolutions recorded is taken back.
The reason:</translation>
    </message>
    <message>
        <source>请写明作废的原因。</source>
        <translation>Please give the reason for voiding it.</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>请先在列表中选定一次会议。</source>
        <translation>Select a meeting in the list first.</translation>
    </message>
    <message>
        <source>按“三会一课”要求，列出各支部本月、本季度还没有召开的会议；期限已过仍未召开的标“已过期”，该支部标红。</source>
        <translation>Meetings of this month and this quarter each branch has not held yet under 三会一课; one whose period is over is marked overdue and its branch shown in red.</translation>
    </message>
    <message>
        <source>{day} {title} 会议记录.pdf</source>
        <translation>{day} {title} minutes.pdf</translation>
    </message>
    <message>
        <source>{day} {title} 签到表.pdf</source>
        <translation>{day} {title} sign-in.pdf</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <source>正在检查各支部会议…</source>
        <translation>Checking each branch&apos;s meetings…</translation>
    </message>
</context>
<context>
    <name>MemberField</name>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母；外单位人员直接填写姓名</source>
        <translation>Type a name or pinyin initials; for someone from outside, type the name</translation>
    </message>
    <message>
        <source>“{name}”不在党员名册中，请从下拉名单中选择</source>
        <translation>“{name}” is not on the roster: choose from the list</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>新增党员</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>党员信息</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic details</translation>
    </message>
    <message>
        <source>入党信息</source>
        <translation>Party membership</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>作废事件…</source>
        <translation>Void event…</translation>
    </message>
    <message>
        <source>作废“历史”中选定的一条登记错的事件：记录保留，注明原因</source>
        <translation>Void the event selected in History that was recorded by mistake: the record is kept, with the reason</translation>
    </message>
    <message>
        <source>录入错误作废…</source>
        <translation>Void (entered in error)…</translation>
    </message>
    <message>
        <source>误录的人员（重复录入、录错人、测试数据）作废：记录保留，注明原因</source>
        <translation>Take back a person entered by mistake (a duplicate, the wrong person, test data): the record is kept, with the reason</translation>
    </message>
    <message>
        <source>作废事件</source>
        <translation>Void event</translation>
    </message>
    <message>
        <source>请先在“历史”中选定一条事件。</source>
        <translation>First select an event in History.</translation>
    </message>
    <message>
        <source>这条事件已经作废。</source>
        <translation>This event is already voided.</translation>
    </message>
    <message>
        <source>作废“{kind}”（{day}）：记录仍保留并注明已作废；它改动的党员信息一并撤回。
作废的原因：</source>
        <translation>Void “{kind}” ({day}): the record is kept and marked voided; the member details it changed are given back.
Reason for voiding:</translation>
    </message>
    <message>
        <source>请写明作废的原因。</source>
        <translation>Please give the reason for voiding it.</translation>
    </message>
    <message>
        <source>录入错误作废</source>
        <translation>Void (entered in error)</translation>
    </message>
    <message>
        <source>将“{name}”作为录入错误作废：记录仍保留并注明已作废，不再计入名册和各项统计，也不能再修改。
出党、转出、死亡等请登记事件，不要作废。
作废的原因：</source>
        <translation>Void “{name}” as entered in error: the record is kept, marked voided, leaves the roster and every count, and can no longer be changed.
For an exit, a transfer or a death, record an event instead.
Reason for voiding:</translation>
    </message>
    <message>
        <source>确定将“{name}”作为录入错误作废吗？
原因：{reason}</source>
        <translation>Void “{name}” as entered in error?
Reason: {reason}</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>籍贯</source>
        <translation>Native place</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>学位</source>
        <translation>Degree</translation>
    </message>
    <message>
        <source>工作岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>工作单位及职务</source>
        <translation>Work unit and post</translation>
    </message>
    <message>
        <source>专业技术职务</source>
        <translation>Professional title</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>家庭住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所在党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>递交入党申请书日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>确定为入党积极分子日期</source>
        <translation>Activist date</translation>
    </message>
    <message>
        <source>确定为发展对象日期</source>
        <translation>Candidate date</translation>
    </message>
    <message>
        <source>入党日期</source>
        <translation>Join date</translation>
    </message>
    <message>
        <source>转为正式党员日期</source>
        <translation>Full member since</translation>
    </message>
    <message>
        <source>预备期满日期</source>
        <translation>Probation ends</translation>
    </message>
    <message>
        <source>参加工作日期</source>
        <translation>Started work</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>登记事件…</source>
        <translation>Record an event…</translation>
    </message>
    <message>
        <source>转正、转出、出党、流动等都作为事件登记，记录保留</source>
        <translation>Conversion, transfer out, exit, mobility… are recorded as events; the record stays</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示完整内容（会记入操作日志）</source>
        <translation>Show the full value (written to the audit log)</translation>
    </message>
    <message>
        <source>年-月-日</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>18位，最后一位可为X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>党籍状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发展阶段的变化（确定为积极分子、接收为预备党员、转正等）请用“登记事件”，日期会自动填入。</source>
        <translation>Record development steps (activist, admission, conversion…) with “Record an event”; the dates are filled in for you.</translation>
    </message>
    <message>
        <source>党员信息 — {name}</source>
        <translation>Member — {name}</translation>
    </message>
    <message>
        <source>已作废：{reason}</source>
        <translation>Voided: {reason}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>修改{name}的信息</source>
        <translation>edit of {name}</translation>
    </message>
    <message>
        <source>当前状态下没有可登记的事件</source>
        <translation>No event can be recorded in the current state</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>从党员名册中选择</source>
        <translation>Choose from the roster</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母、身份证或电话后几位</source>
        <translation>Name, pinyin initials, or last digits of ID or phone</translation>
    </message>
    <message>
        <source>选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>党员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>搜索：姓名、拼音首字母（如 zs）、身份证或电话后几位</source>
        <translation>Search: name, pinyin initials (e.g. zs), last digits of ID or phone</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>在册党员</source>
        <translation>Current members</translation>
    </message>
    <message>
        <source>全部（含已出党、转出）</source>
        <translation>All (including former members)</translation>
    </message>
    <message>
        <source>新增党员</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>查看 / 修改</source>
        <translation>View / edit</translation>
    </message>
    <message>
        <source>党员不能删除：出党、转出、死亡等请在党员信息中“登记事件”；误录的人员用“录入错误作废”。</source>
        <translation>Members are never deleted: record an exit, a transfer or a death as an event in the member&apos;s window; take back a person entered by mistake with “Void (entered in error)”.</translation>
    </message>
    <message>
        <source>全部组织</source>
        <translation>All organisations</translation>
    </message>
    <message>
        <source>共 {n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>没有找到“{text}”。可以只输入姓名中的一个字、拼音首字母（如 zs）、身份证或电话后四位；已出党、转出的党员请在右侧选“全部”。</source>
        <translation>No one found for “{text}”. Try one character of the name, pinyin initials (such as zs), or the last four digits of the ID or phone; for former members choose “All” on the right.</translation>
    </message>
    <message>
        <source>没有符合所选条件的党员。</source>
        <translation>No member matches the chosen filters.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>没有完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>Operator</name>
    <message>
        <source>在本机登记和修改记录的人的姓名：此后的操作日志记这个姓名，导出的报表在“制表人”一栏打印它。不填时操作日志记为 clerk，制表人一栏留空供手写。</source>
        <translation>The name of the person who enters and changes the records on this PC: the audit trail records this name from now on, and exported reports print it as 制表人 (prepared by). Left empty, the audit trail says clerk and 制表人 stays blank for a hand to fill in.</translation>
    </message>
    <message>
        <source>经办人姓名</source>
        <translation>Name of the person keeping the records</translation>
    </message>
    <message>
        <source>保存经办人</source>
        <translation>Save the name</translation>
    </message>
    <message>
        <source>已保存：此后的操作日志和报表记为 {name}。</source>
        <translation>Saved: the audit trail and reports now name {name}.</translation>
    </message>
</context>
<context>
    <name>OrgDialogs</name>
    <message>
        <source>结束任职 — {org}</source>
        <translation>End a post — {org}</translation>
    </message>
    <message>
        <source>任职</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>最后任职日</source>
        <translation>Last day held</translation>
    </message>
    <message>
        <source>没有可结束的任职</source>
        <translation>No post to end</translation>
    </message>
    <message>
        <source>作废任职 — {org}</source>
        <translation>Void a post — {org}</translation>
    </message>
    <message>
        <source>至今</source>
        <translation>now</translation>
    </message>
    <message>
        <source>如：录错了人、重复录入</source>
        <translation>e.g. wrong person, entered twice</translation>
    </message>
    <message>
        <source>只用于录入错误的任职：作废后记录仍保留，但不再计入委员会、书记和学时要求。正常离任请用“结束任职”。</source>
        <translation>Only for a post entered in error: the record is kept but no longer counts for the committee, the secretary or study targets. For a normal departure use “End a post”.</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>没有可作废的任职</source>
        <translation>No post to void</translation>
    </message>
    <message>
        <source>请填写作废原因</source>
        <translation>Please give the reason</translation>
    </message>
    <message>
        <source>作废换届选举 — {org}</source>
        <translation>Void election — {org}</translation>
    </message>
    <message>
        <source>如：日期录错、录错了组织</source>
        <translation>e.g. wrong date, wrong organisation</translation>
    </message>
    <message>
        <source>只用于录入错误的换届选举：作废后记录仍保留；它选出的任职一并作废，被它结束的上届任职恢复，本届任期回到此前。有更晚的换届选举时，须先作废那一次。</source>
        <translation>Only for an election entered by mistake: the record is kept; the posts it gave are voided with it, the previous committee&apos;s posts it ended hold again, and the term goes back to what it was. If a later election exists, void that one first.</translation>
    </message>
    <message>
        <source>换届选举</source>
        <translation>Election</translation>
    </message>
    <message>
        <source>没有可作废的换届选举</source>
        <translation>No election to void</translation>
    </message>
    <message>
        <source>调整隶属关系 — {org}</source>
        <translation>Move — {org}</translation>
    </message>
    <message>
        <source>合并 — {org}</source>
        <translation>Merge — {org}</translation>
    </message>
    <message>
        <source>撤销 — {org}</source>
        <translation>Dissolve — {org}</translation>
    </message>
    <message>
        <source>（不转移：没有在册党员或只是党小组）</source>
        <translation>(none: no members on the roll, or only a party group)</translation>
    </message>
    <message>
        <source>新的上级组织</source>
        <translation>New parent</translation>
    </message>
    <message>
        <source>并入</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>党员转入</source>
        <translation>Members move to</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>党小组移到其他党支部时，组员随之转入该支部（逐人记入党员事件）。</source>
        <translation>A party group moved to another branch takes its members along (one dated event per member).</translation>
    </message>
    <message>
        <source>党员逐人记入“组织调整”事件转入；党小组随之划入；本组织标记为已合并，记录保留。</source>
        <translation>Members move by dated transfer events; groups go along; this organisation is marked merged and its records stay.</translation>
    </message>
    <message>
        <source>撤销不删除：本组织及其历史记录保留；在册党员逐人记入“组织调整”事件转入所选党支部，委员任职至前一日结束。</source>
        <translation>Dissolving deletes nothing: the organisation and its history stay; members on the roll move to the chosen branch by dated events; posts end the day before.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已保存，请注意</source>
        <translation>Saved — please note</translation>
    </message>
    <message>
        <source>修改组织</source>
        <translation>Edit organisation</translation>
    </message>
    <message>
        <source>新增下级组织</source>
        <translation>New organisation</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>如：中共某某县委组织部</source>
        <translation>e.g. the county party committee</translation>
    </message>
    <message>
        <source>已知成立日期：</source>
        <translation>Founding date known:</translation>
    </message>
    <message>
        <source>上级组织</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>组织代码</source>
        <translation>Organisation code</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Unit type</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founding date</translation>
    </message>
    <message>
        <source>上级党组织（隶属）</source>
        <translation>Higher party organisation</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>当选人</source>
        <translation>Elected</translation>
    </message>
    <message>
        <source>得票数</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>选择党员…</source>
        <translation>Choose a member…</translation>
    </message>
    <message>
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>第 {n} 行还没有选择当选人</source>
        <translation>Row {n} has no member chosen yet</translation>
    </message>
    <message>
        <source>换届选举 — {org}</source>
        <translation>Election — {org}</translation>
    </message>
    <message>
        <source>{n} 年</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <source>记录选举人数和得票</source>
        <translation>Record voters and votes</translation>
    </message>
    <message>
        <source>应到会有选举权</source>
        <translation>Voters due</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>present</translation>
    </message>
    <message>
        <source>选举日期</source>
        <translation>Election date</translation>
    </message>
    <message>
        <source>任期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>增加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>删除选定行</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <source>当选的委员会（新一届任职自选举日起，上一届同时结束）</source>
        <translation>The committee elected (its posts start on the election day; the previous committee&apos;s end the day before)</translation>
    </message>
    <message>
        <source>选举有效须实到会有选举权人数不少于应到的五分之四；当选人得票须超过应到会有选举权人数的一半。旧的选举可不记录票数。</source>
        <translation>An election is valid when at least four fifths of the voters due are present; a person is elected with votes from more than half of the voters due. An old election may be recorded without the figures.</translation>
    </message>
    <message>
        <source>任职变动 — {org}</source>
        <translation>Post change — {org}</translation>
    </message>
    <message>
        <source>已离任，离任日期：</source>
        <translation>Left the post on:</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>更换书记：先在委员会中“结束任职”，再任命新书记；同一天只能有一名书记。</source>
        <translation>To change the secretary, first end the current secretary&apos;s post, then appoint the new one: one secretary on any day.</translation>
    </message>
    <message>
        <source>请选择党员</source>
        <translation>Choose a member</translation>
    </message>
</context>
<context>
    <name>OrgLife</name>
    <message>
        <source>登记谈心谈话</source>
        <translation>Record a talk</translation>
    </message>
    <message>
        <source>谈话人</source>
        <translation>Talker</translation>
    </message>
    <message>
        <source>谈话对象</source>
        <translation>Talked with</translation>
    </message>
    <message>
        <source>选择党员…</source>
        <translation>Choose a member…</translation>
    </message>
    <message>
        <source>如：思想状况、工作生活困难、对支部工作的意见</source>
        <translation>e.g. thinking, difficulties at work or home, views on the branch&apos;s work</translation>
    </message>
    <message>
        <source>后续跟进（可不填）</source>
        <translation>Follow-up (optional)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>请选择谈话人和谈话对象</source>
        <translation>Choose both people</translation>
    </message>
    <message>
        <source>{year}年民主评议 — {org}</source>
        <translation>{year} appraisal — {org}</translation>
    </message>
    <message>
        <source>（不指定会议）</source>
        <translation>(no meeting)</translation>
    </message>
    <message>
        <source>评定会议</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>处置措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>限期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>（未评）</source>
        <translation>(not graded)</translation>
    </message>
    <message>
        <source>还没有评定任何人的等次</source>
        <translation>No grade entered yet</translation>
    </message>
    <message>
        <source>评议处置 — {name}（{grade}）</source>
        <translation>Follow-up — {name} ({grade})</translation>
    </message>
    <message>
        <source>已完成，完成日期：</source>
        <translation>Done on:</translation>
    </message>
    <message>
        <source>处置结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>完成整改</source>
        <translation>Complete an item</translation>
    </message>
    <message>
        <source>登记问题和整改措施</source>
        <translation>Record a problem and its rectification</translation>
    </message>
    <message>
        <source>责任人或责任部门，如：支部委员会</source>
        <translation>Person or body responsible, e.g. the branch committee</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>完成期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>整改结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>{year}年</source>
        <extracomment>notes shown at most; the rest in the tooltip (a committee&apos;s hundred branches would make the page — and the window — a hundred lines tall)</extracomment>
        <translation>{year}</translation>
    </message>
    <message>
        <source>全部组织</source>
        <translation>All organisations</translation>
    </message>
    <message>
        <source>……另有 {n} 条（鼠标停留可查看全部，或选择组织查看）</source>
        <translation>… and {n} more (hover to see them all, or choose an organisation)</translation>
    </message>
    <message>
        <source>登记谈话…</source>
        <translation>Record a talk…</translation>
    </message>
    <message>
        <source>书记{sec}尚未与 {n} 人谈话（{names}）</source>
        <translation>Secretary {sec} has yet to talk with {n} ({names})</translation>
    </message>
    <message>
        <source>委员之间尚缺 {n} 对（{pairs}）</source>
        <translation>{n} committee pairs missing ({pairs})</translation>
    </message>
    <message>
        <source>本年度谈心谈话已全部完成。</source>
        <translation>This year&apos;s talks are complete.</translation>
    </message>
    <message>
        <source>录入评议结果…</source>
        <translation>Enter grades…</translation>
    </message>
    <message>
        <source>处置…</source>
        <translation>Follow-up…</translation>
    </message>
    <message>
        <source>党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>已评 {n} 人：</source>
        <translation>{n} graded: </translation>
    </message>
    <message>
        <source>民主评议</source>
        <translation>Democratic appraisal</translation>
    </message>
    <message>
        <source>请先选择一个党支部。</source>
        <translation>Choose a branch first.</translation>
    </message>
    <message>
        <source>登记问题…</source>
        <translation>Record a problem…</translation>
    </message>
    <message>
        <source>完成整改…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>临近期限</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>（上年未完成）</source>
        <translation> (carried over)</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>待落实</source>
        <translation>To be done</translation>
    </message>
    <message>
        <source>组织生活会查摆的问题逐项登记整改措施、责任人和期限；未完成的事项带入下一年度，在下次组织生活会上通报。</source>
        <translation>Each problem found at the organisational life meeting gets a measure, an owner and a deadline; open items carry over to the next year and are reported at the next meeting.</translation>
    </message>
</context>
<context>
    <name>Orgs</name>
    <message>
        <source>尚未记录换届选举</source>
        <translation>No election recorded</translation>
    </message>
    <message>
        <source>{elected} 选举，任期 {years} 年，至 {end}</source>
        <translation>elected {elected}, {years} years, ends {end}</translation>
    </message>
    <message>
        <source>（还有 {days} 天，应准备换届）</source>
        <translation> ({days} days left: prepare the election)</translation>
    </message>
    <message>
        <source>（已超期 {days} 天，应换届）</source>
        <translation> ({days} days overdue: election due)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>显示已撤销、已合并的组织</source>
        <translation>Show dissolved and merged organisations</translation>
    </message>
    <message>
        <source>新增下级组织…</source>
        <translation>New organisation…</translation>
    </message>
    <message>
        <source>组织代码</source>
        <translation>Organisation code</translation>
    </message>
    <message>
        <source>隶属</source>
        <translation>Under</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Unit type</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Founding date</translation>
    </message>
    <message>
        <source>在册党员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>本届任期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>换届选举…</source>
        <translation>Election…</translation>
    </message>
    <message>
        <source>任职变动…</source>
        <translation>Post change…</translation>
    </message>
    <message>
        <source>结束任职…</source>
        <translation>End a post…</translation>
    </message>
    <message>
        <source>作废任职…</source>
        <translation>Void post…</translation>
    </message>
    <message>
        <source>调入组员…</source>
        <translation>Add to group…</translation>
    </message>
    <message>
        <source>移出本组</source>
        <translation>Remove from group</translation>
    </message>
    <message>
        <source>作废换届选举…</source>
        <translation>Void election…</translation>
    </message>
    <message>
        <source>调整隶属…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Dissolve…</translation>
    </message>
    <message>
        <source>历次换届选举</source>
        <translation>Elections</translation>
    </message>
    <message>
        <source>选举日期</source>
        <translation>Election date</translation>
    </message>
    <message>
        <source>任期（年）</source>
        <translation>Term (years)</translation>
    </message>
    <message>
        <source>届满日期</source>
        <translation>Term ends</translation>
    </message>
    <message>
        <source>应到/实到</source>
        <translation>Due/present</translation>
    </message>
    <message>
        <source>当选</source>
        <translation>Elected</translation>
    </message>
    <message>
        <source>已于 {date} 撤销</source>
        <translation>Dissolved on {date}</translation>
    </message>
    <message>
        <source>（并入{org}）</source>
        <translation> (merged into {org})</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>组员（组长在前）</source>
        <translation>Members (leader first)</translation>
    </message>
    <message>
        <source>委员会（{day}）</source>
        <translation>Committee ({day})</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>组织架构与换届</source>
        <translation>Structure and elections</translation>
    </message>
    <message>
        <source>谈心谈话</source>
        <translation>Talks</translation>
    </message>
    <message>
        <source>民主评议</source>
        <translation>Democratic appraisal</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>导出党员花名册…</source>
        <translation>Export the roster…</translation>
    </message>
    <message>
        <source>导出三会一课台账…</source>
        <translation>Export the meeting ledger…</translation>
    </message>
    <message>
        <source>导出学习学时统计…</source>
        <translation>Export study hours…</translation>
    </message>
    <message>
        <source>每名党员全年学时与目标对照。</source>
        <translation>Each member&apos;s yearly hours against the target.</translation>
    </message>
    <message>
        <source>导出党员队伍构成统计…</source>
        <translation>Export membership statistics…</translation>
    </message>
    <message>
        <source>“{char}”（{name}），位于：{where}</source>
        <translation>“{char}” ({name}) in: {where}</translation>
    </message>
    <message>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已生成 {path}（共 {pages} 页）。</source>
        <translation>Made {path} ({pages} pages).</translation>
    </message>
    <message>
        <source>以下字符没有可用字体，打印出来会是空白，请打印后手工补写：</source>
        <translation>No font has the following characters; they print blank, so write them in by hand after printing:</translation>
    </message>
    <message>
        <source>PDF 已生成</source>
        <translation>PDF made</translation>
    </message>
    <message>
        <source>现在打开吗？</source>
        <translation>Open it now?</translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <source>导出报上级的 Excel 报表；会议记录和签到表在“会议”中选定会议后打印。</source>
        <translation>Export the Excel reports for the superior committee; print minutes and sign-in sheets from a meeting selected under Meetings.</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>导出完整身份证号（将记入审计）</source>
        <translation>Full ID numbers (audited)</translation>
    </message>
    <message>
        <source>打印完整身份证号（将记入审计）</source>
        <translation>Full ID number (audited)</translation>
    </message>
    <message>
        <source>{year}年{month}月{day}日</source>
        <translation>{day}/{month}/{year}</translation>
    </message>
    <message>
        <source>截至 {date}</source>
        <translation>As of {date}</translation>
    </message>
    <message>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <source>全部在册党员；身份证号码按文本保存，默认只显示前后几位。</source>
        <translation>All members on the roll; ID numbers saved as text, masked unless asked for in full.</translation>
    </message>
    <message>
        <source>按年度、按支部列出各类会议和缺项。</source>
        <translation>Meetings of each kind per branch for the year, and those missing.</translation>
    </message>
    <message>
        <source>按性别、年龄、学历、民族等分类统计（年报 12月31日，半年报 6月30日）。</source>
        <translation>Counts by gender, age, education, ethnicity… (annual report 31 Dec, half-year 30 Jun).</translation>
    </message>
    <message>
        <source>打印党员登记卡…</source>
        <translation>Print a member card…</translation>
    </message>
    <message>
        <source>选定一名党员，生成党员基本信息登记卡（PDF）。</source>
        <translation>Pick a member to make the registration card (PDF).</translation>
    </message>
    <message>
        <source>导入花名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <source>从 Excel（.xlsx）导入党员：先试导入、逐行检查，全部无误才写入。</source>
        <translation>Import members from Excel (.xlsx): a trial run checks every row first; nothing is written until it is clean.</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>数据来源：草稿（还有变动未经上级确认，导出的报表会标注“草稿”）</source>
        <translation>Data source: draft (some changes are not yet confirmed by the superior committee; reports are marked 草稿)</translation>
    </message>
    <message>
        <source>数据来源：已确认（所有变动均已由上级确认）</source>
        <translation>Data source: confirmed (every change confirmed by the superior committee)</translation>
    </message>
    <message>
        <source>导出完整身份证号</source>
        <translation>Export full ID numbers</translation>
    </message>
    <message>
        <source>导出的文件将包含每名党员完整的身份证号码。请妥善保管，用后删除。这次导出会记入审计日志。

确定要导出完整号码吗？</source>
        <translation>The file will hold every member&apos;s full ID number. Keep it safe and delete it after use. This export is recorded in the audit log.

Export the full numbers?</translation>
    </message>
    <message>
        <source>{name} 党员登记卡.pdf</source>
        <translation>{name} member card.pdf</translation>
    </message>
    <message>
        <source>{unit}党员花名册{date}.xlsx</source>
        <translation>{unit} roster {date}.xlsx</translation>
    </message>
    <message>
        <source>党员花名册</source>
        <translation>member roster</translation>
    </message>
    <message>
        <source>{unit}{year}年三会一课台账.xlsx</source>
        <translation>{unit} meetings ledger {year}.xlsx</translation>
    </message>
    <message>
        <source>三会一课台账</source>
        <translation>meetings ledger</translation>
    </message>
    <message>
        <source>{unit}{year}年学习学时统计.xlsx</source>
        <translation>{unit} study hours {year}.xlsx</translation>
    </message>
    <message>
        <source>学习学时统计</source>
        <translation>study hours</translation>
    </message>
    <message>
        <source>{unit}党员队伍构成统计{date}.xlsx</source>
        <translation>{unit} membership composition {date}.xlsx</translation>
    </message>
    <message>
        <source>党员队伍构成统计</source>
        <translation>membership composition</translation>
    </message>
    <message>
        <source>保存 Excel 文件</source>
        <translation>Save Excel file</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出{what}（{n} 行）：{path}</source>
        <translation>Exported the {what} ({n} rows): {path}</translation>
    </message>
    <message>
        <source>已取消导出。</source>
        <translation>Export cancelled.</translation>
    </message>
    <message>
        <source>正在导出{what}…</source>
        <translation>Exporting the {what}…</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>党籍状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>所在党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>入党日期</source>
        <translation>Join date</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>SameNames</name>
    <message>
        <source>{name}（身份证尾号{tail}）</source>
        <translation>{name} (ID …{tail})</translation>
    </message>
    <message>
        <source>{name}（{org}）</source>
        <translation>{name} ({org})</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source> 学时</source>
        <translation> h</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>不自动锁定</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>党员年度学习目标</source>
        <translation>Members&apos; yearly study target</translation>
    </message>
    <message>
        <source>书记、委员年度学习目标</source>
        <translation>Secretaries&apos; and committee members&apos; target</translation>
    </message>
    <message>
        <source>无人操作时自动锁定</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Person keeping the records</translation>
    </message>
    <message>
        <source>计入学时目标的学习形式</source>
        <translation>Study forms that count towards the target</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>只重新加密密钥文件，数据本身不变；恢复码仍然有效。</source>
        <translation>Only the key file is re-encrypted; the data stays as it is and the recovery code stays valid.</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>技术支持</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>密码已修改。</source>
        <translation>The passphrase was changed.</translation>
    </message>
    <message>
        <source>正在修改密码…</source>
        <translation>Changing the passphrase…</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>已登记，请注意</source>
        <translation>Recorded: please note</translation>
    </message>
    <message>
        <source>从名册选择…</source>
        <translation>From the roster…</translation>
    </message>
    <message>
        <source>填写姓名…</source>
        <translation>Type a name…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>填写姓名</source>
        <translation>Type a name</translation>
    </message>
    <message>
        <source>姓名（不在本单位名册的人员）：</source>
        <translation>Name (someone not on this unit&apos;s roster):</translation>
    </message>
    <message>
        <source>登记发展步骤 — {name}</source>
        <translation>Record a development step — {name}</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>有关人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>审查结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>培训天数</source>
        <translation>Training days</translation>
    </message>
    <message>
        <source>培训学时</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>公示天数（工作日）</source>
        <translation>Notice (working days)</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Strength</name>
    <message>
        <source>不能用</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <source>弱</source>
        <translation>Weak</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>较强</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>强</source>
        <translation>Strong</translation>
    </message>
</context>
<context>
    <name>Study</name>
    <message>
        <source>学习</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>年度 </source>
        <translation>Year </translation>
    </message>
    <message>
        <source>只看未达标</source>
        <translation>Only those short</translation>
    </message>
    <message>
        <source>登记学习…</source>
        <translation>Log study…</translation>
    </message>
    <message>
        <source>按会议批量登记…</source>
        <translation>Log for a meeting…</translation>
    </message>
    <message>
        <source>学习记录…</source>
        <translation>Study logs…</translation>
    </message>
    <message>
        <source>选中党员的学习记录（双击表中一行也可打开），可作废登记错的记录</source>
        <translation>The selected member&apos;s study logs (or double-click a row); a wrong log can be voided there</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>所在党支部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>已学学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>还差</source>
        <translation>Short by</translation>
    </message>
    <message>
        <source>正在统计学时…</source>
        <translation>Adding up hours…</translation>
    </message>
    <message>
        <source>{n} 人，已达标 {ok} 人，未达标 {short} 人</source>
        <translation>{n} members: {ok} met the target, {short} short</translation>
    </message>
    <message>
        <source> 学时</source>
        <translation> h</translation>
    </message>
    <message>
        <source>登记学习</source>
        <translation>Log study</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>学习形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>学习内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请先选择党员</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>登记{name}的学习</source>
        <translation>study log of {name}</translation>
    </message>
    <message>
        <source>按会议批量登记学习</source>
        <translation>Log study for a meeting&apos;s attendees</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>每人学时</source>
        <translation>Hours each</translation>
    </message>
    <message>
        <source>给该次会议所有“出席”的党员各登记同样的学时。</source>
        <translation>Logs the same hours for every member marked present at the meeting.</translation>
    </message>
    <message>
        <source>请选择会议</source>
        <translation>Choose a meeting</translation>
    </message>
    <message>
        <source>批量登记{n}人学习</source>
        <translation>study log of {n} attendees</translation>
    </message>
    <message>
        <source>正在登记…</source>
        <translation>Recording…</translation>
    </message>
</context>
<context>
    <name>StudyCounting</name>
    <message>
        <source>勾选的学习形式计入年度学时目标。按党员教育培训规划，默认只计集中培训和集体学习等集体形式，个人自学记录在册但不计入。</source>
        <translation>Hours in the ticked forms count towards the yearly target. Following the member education plan, only collective forms such as intensive training and collective study count by default; self-study is recorded but does not count.</translation>
    </message>
    <message>
        <source>保存学时计入范围</source>
        <translation>Save what counts</translation>
    </message>
    <message>
        <source>已保存，学时统计按新的范围计算。</source>
        <translation>Saved: study hours now count the chosen forms.</translation>
    </message>
</context>
<context>
    <name>StudyLogs</name>
    <message>
        <source>已作废：{reason}</source>
        <translation>Voided: {reason}</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>（{status}）</source>
        <translation> ({status})</translation>
    </message>
    <message>
        <source>学习记录</source>
        <translation>Study logs</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母（含已转出、出党等不在册的党员）</source>
        <translation>Name or pinyin initials (members no longer on the roll included)</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>学习形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>学习内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>作废选定的学习记录：记录仍保留并注明原因，不再计入学时</source>
        <translation>Void the selected log: it is kept, marked with the reason, and no longer counts</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>请先选择党员</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>{name} {year} 年：有效记录 {n} 条，共 {hours:g} 学时（计入目标的 {counted:g} 学时）；已作废 {v} 条</source>
        <translation>{name}, {year}: {n} valid logs, {hours:g} hours ({counted:g} counting towards the target); {v} voided</translation>
    </message>
    <message>
        <source>作废学习记录</source>
        <translation>Void a study log</translation>
    </message>
    <message>
        <source>请先选定一条学习记录。</source>
        <translation>Select a study log first.</translation>
    </message>
    <message>
        <source>{name} {date} {form} {hours:g} 学时“{topic}”</source>
        <translation>{name}&apos;s {form} of {date}, {hours:g} hours, “{topic}”</translation>
    </message>
    <message>
        <source>作废{what}：记录仍保留并注明已作废，不再计入学时。
作废的原因：</source>
        <translation>Void {what}: the log is kept, marked as voided, and no longer counts.
Reason for voiding:</translation>
    </message>
    <message>
        <source>确定作废{what}吗？
原因：{reason}</source>
        <translation>Void {what}?
Reason: {reason}</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <source>程序出错时生成诊断包交给上级组织：不含党员信息、密码和密钥。</source>
        <translation>When the program fails, send a support zip to the higher committee: no member data, passphrase or key.</translation>
    </message>
    <message>
        <source>生成诊断包…</source>
        <translation>Make a support zip…</translation>
    </message>
    <message>
        <source>诊断包-{day}.zip</source>
        <translation>support-{day}.zip</translation>
    </message>
    <message>
        <source>保存诊断包</source>
        <translation>Save the support zip</translation>
    </message>
    <message>
        <source>诊断包 (*.zip)</source>
        <translation>Support zip (*.zip)</translation>
    </message>
    <message>
        <source>诊断包已保存到 {path}</source>
        <translation>Support zip saved to {path}</translation>
    </message>
    <message>
        <source>正在生成诊断包…</source>
        <translation>Making the support zip…</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>有网络时把本单位的变动加密发给上级党委；没有网络时用U盘带过去。</source>
        <translation>With a network, the unit&apos;s changes go encrypted to the higher committee; without one, carry them on a USB stick.</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>导出到U盘…</source>
        <translation>Export to USB…</translation>
    </message>
    <message>
        <source>登记本机…</source>
        <translation>Enrol this computer…</translation>
    </message>
    <message>
        <source>网络不通，修改已保存在本机，联网后会自动发送</source>
        <translation>No network: your changes are saved on this computer and will be sent automatically once connected</translation>
    </message>
    <message>
        <source>上级服务器暂时出错，修改已保存在本机，稍后会自动重试</source>
        <translation>The central server had an error: your changes are saved on this computer and will be retried later</translation>
    </message>
    <message>
        <source>已取消同步：修改都保存在本机，下次同步时接着发送</source>
        <translation>Sync cancelled: every change is kept here and goes with the next sync</translation>
    </message>
    <message>
        <source>本机尚未登记或登记已失效，请重新登记本机</source>
        <translation>This computer is not enrolled or its enrolment is no longer valid: please enrol it again</translation>
    </message>
    <message>
        <source>已核对（本机，{at}）</source>
        <translation>Reviewed here ({at})</translation>
    </message>
    <message>
        <source>上级已核对（{by}，{at}）</source>
        <translation>Reviewed by the committee ({by}, {at})</translation>
    </message>
    <message>
        <source>该党员已作废（录入错误）</source>
        <translation>member voided (entered in error)</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>登记本机</source>
        <translation>Enrol this computer</translation>
    </message>
    <message>
        <source>上级党委给了登记码，就选“联网登记”；给的是登记文件（U盘带来），就选“用登记文件”。</source>
        <translation>If the higher committee gave you an enrolment code, choose &quot;Enrol online&quot;; if it gave you an enrolment file (on a USB stick), choose &quot;Use the enrolment file&quot;.</translation>
    </message>
    <message>
        <source>联网登记（服务器地址 + 一次性登记码）</source>
        <translation>Enrol online (server address + one-time code)</translation>
    </message>
    <message>
        <source>用登记文件（没有网络时）</source>
        <translation>Use the enrolment file (no network)</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>登记码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>上级给的登记文件</source>
        <translation>Enrolment file from the higher committee</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>选择登记文件</source>
        <translation>Choose the enrolment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrolment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>请填写服务器地址和登记码</source>
        <translation>Please enter the server address and the enrolment code</translation>
    </message>
    <message>
        <source>请选择登记文件</source>
        <translation>Please choose the enrolment file</translation>
    </message>
    <message>
        <source>再点一次“确定”仍按此地址登记。</source>
        <translation>Click OK again to enrol with this address anyway.</translation>
    </message>
    <message>
        <source>导入回执/下发文件…</source>
        <translation>Import receipts / downloads…</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>本机值</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>中心值</source>
        <translation>Central</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>待核对</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>回复…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <source>通知与资料</source>
        <translation>Notices and materials</translation>
    </message>
    <message>
        <source>重新登记本机…</source>
        <translation>Enrol this computer again…</translation>
    </message>
    <message>
        <source>取消同步</source>
        <translation>Cancel sync</translation>
    </message>
    <message>
        <source>本版本程序没有同步功能。</source>
        <translation>This build of the program has no sync.</translation>
    </message>
    <message>
        <source>本机尚未登记，还不能同步</source>
        <translation>This computer is not enrolled yet and cannot sync</translation>
    </message>
    <message>
        <source>请点“登记本机…”，使用上级党委给的登记码或登记文件。</source>
        <translation>Click &quot;Enrol this computer…&quot; and use the code or file from the higher committee.</translation>
    </message>
    <message>
        <source>{n} 项修改已保存在本机，登记后发送。</source>
        <translation>{n} changes are saved on this computer and will be sent after enrolment.</translation>
    </message>
    <message>
        <source>已确认至 #{mark} · {n} 项待同步 · {p} 项待核对</source>
        <translation>Confirmed up to #{mark} · {n} to sync · {p} to review</translation>
    </message>
    <message>
        <source>联网登记</source>
        <translation>online</translation>
    </message>
    <message>
        <source>文件登记</source>
        <translation>by file</translation>
    </message>
    <message>
        <source>已登记（{how}）：单位 {unit} · 本机 {device} · 服务器 {server}</source>
        <translation>Enrolled ({how}): unit {unit} · device {device} · server {server}</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>network</translation>
    </message>
    <message>
        <source>U盘</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>上次同步：{when}（{how}）</source>
        <translation>Last sync: {when} ({how})</translation>
    </message>
    <message>
        <source>还没有同步过。</source>
        <translation>Not synced yet.</translation>
    </message>
    <message>
        <source>待发送 {pending} · 发送中 {in_flight} · 已确认 {synced} · 被退回 {rejected} · 信任文件第 {version} 版</source>
        <translation>To send {pending} · in flight {in_flight} · confirmed {synced} · refused {rejected} · trust file version {version}</translation>
    </message>
    <message>
        <source>再点“立即同步”，本机会按上级的记录核对后重新发送，修改不会丢失；如仍不行，请联系上级党委。</source>
        <translation>Press “Sync now” again: this computer checks against the higher committee&apos;s record and sends again, nothing is lost; if it still fails, contact the higher committee.</translation>
    </message>
    <message>
        <source>请联系上级党委核对本机的登记。</source>
        <translation>Ask the higher committee to check this computer&apos;s enrolment.</translation>
    </message>
    <message>
        <source>有 {n} 个数据包被上级拒收（{why}）。{what}</source>
        <translation>{n} bundle(s) refused by the higher committee ({why}). {what}</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>已发送 {done} / {total} KB</source>
        <translation>Sent {done} / {total} KB</translation>
    </message>
    <message>
        <source>正在与上级交换…</source>
        <translation>Exchanging with the higher committee…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>上级发回、需要您核对的记录：两边都改过的字段（上级已按规则合并并保留双方数值），以及被标记的记录，原因见“说明”。请核对，需要时在相应页面改正，再点“已核对”。</source>
        <translation>Records sent back for you to check: fields changed on both sides (the committee merged them by the rules and kept both values), and records flagged, with the reason under Explanation. Check them, correct them on their page if needed, then press Reviewed.</translation>
    </message>
    <message>
        <source>待核对 ({n})</source>
        <translation>To review ({n})</translation>
    </message>
    <message>
        <source>通知与资料 ({n})</source>
        <translation>Notices and materials ({n})</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Workplace</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>每月应交</source>
        <translation>Monthly dues</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>整条记录</source>
        <translation>whole record</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>组织</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>学习</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>党费基数</source>
        <translation>Dues base</translation>
    </message>
    <message>
        <source>党费审批</source>
        <translation>Dues approval</translation>
    </message>
    <message>
        <source>党费缴纳</source>
        <translation>Dues payment</translation>
    </message>
    <message>
        <source>换届选举</source>
        <translation>Election</translation>
    </message>
    <message>
        <source>民主评议</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <source>谈心谈话</source>
        <translation>Talk</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>发展党员步骤</source>
        <translation>Development step</translation>
    </message>
    <message>
        <source>学习记录</source>
        <translation>Study record</translation>
    </message>
    <message>
        <source>会议签到</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>党员事件</source>
        <translation>Member event</translation>
    </message>
    <message>
        <source>党内职务</source>
        <translation>Party post</translation>
    </message>
    <message>
        <source>已核对</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>学习资料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>上级下发的通知和学习资料会列在这里。</source>
        <translation>Notices and study materials from the higher committee are listed here.</translation>
    </message>
    <message>
        <source>本单位已回复：{text}</source>
        <translation>Our reply: {text}</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>同步完成：发送 {sent} 项，收到 {down} 项。</source>
        <translation>Sync done: {sent} sent, {down} received.</translation>
    </message>
    <message>
        <source>正在同步：{what}</source>
        <translation>Syncing: {what}</translation>
    </message>
    <message>
        <source>有 {n} 处需要核对，请在“待核对”中查看。</source>
        <translation>{n} item(s) to check: see To review.</translation>
    </message>
    <message>
        <source>保存登记申请文件（交上级导入）</source>
        <translation>Save the enrolment request (for the higher committee to import)</translation>
    </message>
    <message>
        <source>登记申请 (*.json)</source>
        <translation>Enrolment request (*.json)</translation>
    </message>
    <message>
        <source>正在登记本机…</source>
        <translation>Enrolling this computer…</translation>
    </message>
    <message>
        <source>已用登记文件登记本机。请把登记申请文件 {file} 带到上级党委导入，之后就可以用U盘或网络同步。</source>
        <translation>Enrolled from the enrolment file. Take the request file {file} to the higher committee to import; then you can sync by USB or network.</translation>
    </message>
    <message>
        <source>本机已登记（信任文件第 {version} 版），可以同步了。</source>
        <translation>This computer is enrolled (trust file version {version}) and can sync now.</translation>
    </message>
    <message>
        <source>没有登记成功</source>
        <translation>Enrolment failed</translation>
    </message>
    <message>
        <source>选择U盘或文件夹</source>
        <translation>Choose the USB stick or a folder</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>没有需要导出的修改。</source>
        <translation>There are no changes to export.</translation>
    </message>
    <message>
        <source>已写入 {n} 个文件：
{names}

请把它们交上级党委导入，再把回执文件（.ack.dzb）带回来导入。</source>
        <translation>Wrote {n} files:
{names}

Give them to the higher committee to import, then bring the receipt files (.ack.dzb) back and import them.</translation>
    </message>
    <message>
        <source>导出到U盘</source>
        <translation>Export to USB</translation>
    </message>
    <message>
        <source>选择回执或下发文件</source>
        <translation>Choose receipt or download files</translation>
    </message>
    <message>
        <source>同步文件 (*.dzb);;所有文件 (*)</source>
        <translation>Sync files (*.dzb);;All files (*)</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>{file}：没有导入（{why}）</source>
        <translation>{file}: not imported ({why})</translation>
    </message>
    <message>
        <source>{file}：以前已经导入过，没有变化</source>
        <translation>{file}: imported before, nothing changed</translation>
    </message>
    <message>
        <source>{file}：收到 {items} 项，确认 {receipts} 个数据包</source>
        <translation>{file}: {items} items received, {receipts} bundles confirmed</translation>
    </message>
    <message>
        <source>导入回执/下发文件</source>
        <translation>Import receipts / downloads</translation>
    </message>
    <message>
        <source>回复通知</source>
        <translation>Reply to the notice</translation>
    </message>
    <message>
        <source>回复内容（500字以内）：</source>
        <translation>Your reply (at most 500 characters):</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>待处理</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>待回执</source>
        <translation>Receipt due</translation>
    </message>
    <message>
        <source>回执已收到</source>
        <translation>Receipt received</translation>
    </message>
    <message>
        <source>接收组织关系 — {name}</source>
        <translation>Accept transfer — {name}</translation>
    </message>
    <message>
        <source>{name}，来自{org}（{unit}），介绍信第{no}号</source>
        <translation>{name}, from {org} ({unit}), letter no. {no}</translation>
    </message>
    <message>
        <source>编入党支部</source>
        <translation>Into branch</translation>
    </message>
    <message>
        <source>党小组</source>
        <translation>Party group</translation>
    </message>
    <message>
        <source>接收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（不编入党小组）</source>
        <translation>(no party group)</translation>
    </message>
    <message>
        <source>组织关系转接</source>
        <translation>Membership transfers</translation>
    </message>
    <message>
        <source>其他单位转来的组织关系须经本单位接收后才进入党员名册；接收或拒收的答复在下次同步时送达对方。</source>
        <translation>A transfer from another unit enters the roster only once you accept it; your answer reaches the other unit with the next sync.</translation>
    </message>
    <message>
        <source>转入（待本单位处理）</source>
        <translation>Incoming (for you to answer)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>转出单位</source>
        <translation>From</translation>
    </message>
    <message>
        <source>介绍信编号</source>
        <translation>Letter no.</translation>
    </message>
    <message>
        <source>党费交至</source>
        <translation>Dues paid to</translation>
    </message>
    <message>
        <source>开具日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>接收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>拒收…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>转出（本单位开具的介绍信）</source>
        <translation>Outgoing (letters this unit wrote)</translation>
    </message>
    <message>
        <source>转出日期</source>
        <translation>Date out</translation>
    </message>
    <message>
        <source>转往组织</source>
        <translation>To</translation>
    </message>
    <message>
        <source>回执期限</source>
        <translation>Receipt due</translation>
    </message>
    <message>
        <source>打印介绍信…</source>
        <translation>Print letter…</translation>
    </message>
    <message>
        <source>登记回执…</source>
        <translation>Record receipt…</translation>
    </message>
    <message>
        <source>请先在列表中选定一项。</source>
        <translation>Select an item in the list first.</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>拒收的理由（将告知转出单位）：</source>
        <translation>Reason for refusing (the sending unit will read it):</translation>
    </message>
    <message>
        <source>{name} 组织关系介绍信.pdf</source>
        <translation>{name} transfer letter.pdf</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>智慧政工离线客户端 — 解锁</source>
        <translation>ZT Offline Client — unlock</translation>
    </message>
    <message>
        <source>智慧政工离线客户端</source>
        <translation>ZT Offline Client</translation>
    </message>
    <message>
        <source>数据已加密保存。请输入密码解锁。</source>
        <translation>The data is encrypted. Enter the passphrase to unlock.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>忘记密码？用恢复码</source>
        <translation>Forgot the passphrase? Use the recovery code</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>数据文件夹：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>数据文件不完整（缺少密钥文件或数据库）。数据没有被删除；可以从备份恢复。</source>
        <translation>The data folder is incomplete (key file or database missing). Nothing was deleted; you can restore from a backup.</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the passphrase</translation>
    </message>
    <message>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>密码错误，请重新输入。</source>
        <translation>Wrong passphrase. Please try again.</translation>
    </message>
    <message>
        <source>已连续 {n} 次密码错误。如果忘记了密码，请用首次使用时打印的恢复码设置新密码。</source>
        <translation>{n} wrong passphrases in a row. If you forgot it, set a new one with the recovery code printed at first use.</translation>
    </message>
    <message>
        <source>数据没有被删除。可以从备份恢复。</source>
        <translation>Nothing was deleted. You can restore from a backup.</translation>
    </message>
    <message>
        <source>已从备份恢复，请输入备份时的密码解锁。</source>
        <translation>Restored from the backup. Unlock with the passphrase the backup was made with.</translation>
    </message>
    <message>
        <source>用恢复码重设密码</source>
        <translation>Set a new passphrase with the recovery code</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>正在核对恢复码…</source>
        <translation>Checking the recovery code…</translation>
    </message>
    <message>
        <source>新密码已设置，请用新密码解锁。</source>
        <translation>The new passphrase is set; unlock with it.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>选择备份文件（.zip），输入做备份时的密码。现有数据会移到“replaced-日期”文件夹保留，不会删除。</source>
        <translation>Choose the backup file (.zip) and enter the passphrase it was made with. Existing data is moved to a “replaced-date” folder, never deleted.</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <source>备份时的密码</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose the backup file</translation>
    </message>
    <message>
        <source>备份文件 (*.zip);;所有文件 (*)</source>
        <translation>Backup files (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>请选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
    <message>
        <source>备份的审计记录有问题</source>
        <translation>The backup&apos;s audit trail has problems</translation>
    </message>
    <message>
        <source>不是本单位的备份</source>
        <translation>Not this unit&apos;s backup</translation>
    </message>
    <message>
        <source>确实要用这个备份替换当前数据吗？当前数据会移到 replaced-日期 文件夹保留。</source>
        <translation>Replace the current data with this backup? The current data is moved to a replaced-date folder and kept.</translation>
    </message>
</context>
</TS>
