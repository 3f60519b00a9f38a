"""Error texts of one area — sync: exchange, receipts, recovery, devices of one unit.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.

The protocol's own codes (bundles, receipts, trust files, enrolment, upload) and their texts
live in the protocol package (``ztprotocol.codes``), which ztcentral shares; they are merged
here so the client has one catalogue. ``ztprotocol.codes`` imports only the standard library
(an import contract says so), so the domain stays free of third-party packages.
"""

from __future__ import annotations

from ztprotocol.codes import MESSAGES as PROTOCOL_MESSAGES

#: texts of the client's own sync codes (not part of the wire protocol): each failure of an
#: enrolment or a sync says what happened (issue 9 item 7)
CLIENT_MESSAGES: dict[str, tuple[str, str]] = {
    "E_SERVER_ADDRESS": (
        "服务器地址“{url}”写得不对：应当像 https://zt.example.cn 或 http://10.1.2.3:8443 这样",
        "The server address “{url}” is not valid: it should look like https://zt.example.cn "
        "or http://10.1.2.3:8443",
    ),
    "E_NOT_CENTRAL": (
        "这个地址上不是上级的同步服务器（也可能是上网认证页面拦截了）：请核对服务器地址",
        "What answers at this address is not the central sync server (or a network login page "
        "got in the way): check the server address",
    ),
    "E_TLS_UNTRUSTED": (
        "本机不信任上级服务器“{url}”的证书（{reason}）：请安装上级党委提供的根证书，或请技术人员"
        "设置 SSL_CERT_FILE；修改都保存在本机，没有发送",
        "This computer does not trust the certificate of the central server “{url}” ({reason}): "
        "install the root certificate the higher committee provides, or have SSL_CERT_FILE set; "
        "the changes are kept here and were not sent",
    ),
    "E_ANSWER_LOST": (
        "修改已经送到上级，但确认回执没有收回来（网络中断）：下次同步时会补收，不会重复发送",
        "The changes reached the higher committee but the confirmation did not come back (the "
        "link broke): it is collected next time, nothing is sent twice",
    ),
    "E_PROTOCOL_OLD": (
        "上级服务器的版本较旧，按旧的方式同步",
        "The central server is an older version; syncing the old way",
    ),
    # 待核对 (sync review ID): the number is the one `sync status` prints in brackets
    "E_PROBLEM_UNKNOWN": (
        "待核对列表中没有第 {id} 条：编号请看 sync status 每行开头方括号里的数字",
        "The review list has no entry {id}: the numbers are in brackets at the start of each "
        "line of sync status",
    ),
    "E_PROBLEM_REVIEWED_HERE": (
        "第 {id} 条已经在本机核对过了（{by}，{at}），不用再核对",
        "Entry {id} was already reviewed on this device ({by}, {at}); nothing to do",
    ),
    "E_PROBLEM_REVIEWED_ABOVE": (
        "第 {id} 条上级已核对（{by}，{at}），不用再核对",
        "Entry {id} was already reviewed by the higher committee ({by}, {at}); nothing to do",
    ),
    # codes of downlink items (sync_down_items.code), not problems: nothing for the clerk to do
    "W_ENTITY_UNKNOWN": (
        "本机程序还不认识这类记录（{entity}）：已保存，升级程序后自动补上",
        "This program does not know this kind of record yet ({entity}): it is kept and taken "
        "in after an upgrade",
    ),
    "W_RECORD_NEWER": (
        "本机的这条记录已是同一版本或更新的版本，没有用较早的内容覆盖",
        "The record here is at this version or newer; the earlier state was not written over it",
    ),
    # a downlink item that could not go in (待核对, services/sync/downlink.py flag_failed): it is
    # tried again at every sync and leaves the list once it goes in
    "E_SYNC_IN_REFERENCE": (
        "其他设备的这条记录引用了本机还没有的记录（{what} {id}）：暂未写入，以后每次同步都会再试；"
        "如长期如此，请联系上级核对",
        "A record from another device names a record this device does not have yet ({what} "
        "{id}): not written yet, tried again at every sync; if it stays, ask the higher committee",
    ),
    "E_SYNC_IN_REFERENCE_PART": (
        "其他设备同一批登记的记录中，这一条引用了本机还没有的记录（{what} {id}）：暂未写入，"
        "同批的其他记录已写入；以后每次同步都会再试，如长期如此，请联系上级核对",
        "One record of a batch from another device names a record this device does not have "
        "yet ({what} {id}): it is not written yet, the rest of its batch went in; tried again at "
        "every sync, and if it stays, ask the higher committee",
    ),
    "E_SYNC_GRADE_HERE": (
        "其他设备登记的{name}{year}年度民主评议等次（{theirs}）没有写入：本机已登记该年度的等次"
        "（{mine}）。请与另一台设备核对，作废错误的一条；作废本机的一条后，下次同步自动写入",
        "Another device's {year} appraisal grade of {name} ({theirs}) was not written: this "
        "device has that year's grade ({mine}). Check with the other device and void the wrong "
        "one; if it is the one here, the other goes in at the next sync",
    ),
    "E_SYNC_BASE_HERE": (
        "其他设备登记的{name}{year}年自{month}月起的党费计算基数没有写入：本机已有同一月份起的基数。"
        "请核对后作废错误的一条；作废本机的一条后，下次同步自动写入",
        "Another device's 党费 base of {name} for {year} from month {month} was not written: "
        "this device has a base from the same month. Void the wrong one; if it is the one here, "
        "the other goes in at the next sync",
    ),
    "E_SYNC_DUES_PAID_HERE": (
        "其他设备登记的{name} {month} 的党费交纳（收据号 {receipt}）没有写入：本机已登记该月的交纳"
        "（同批的其他交纳已写入）。请核对是否重复收取，作废错误的一条：无论在本机还是在另一台设备作废，"
        "下次同步后此项自动处理",
        "Another device's 党费 payment of {name} for {month} (receipt {receipt}) was not "
        "written: this device has that month paid (the rest of its collection went in). Check "
        "for a double payment and void the wrong one, here or on the other device: the next "
        "sync settles this row",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {**PROTOCOL_MESSAGES, **CLIENT_MESSAGES}

#: the tables a record from another device can name before this device has it (E_RECORD_UNKNOWN's
#: ``what``, E_SYNC_IN_REFERENCE): in words, not the table's name
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "members": ("党员", "member"),
    "orgs": ("组织", "organisation"),
    "meetings": ("会议", "meeting"),
    "elections": ("换届选举", "election"),
    "dues_payments": ("党费交纳", "党费 payment"),
}
