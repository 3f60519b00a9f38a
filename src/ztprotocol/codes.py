"""Sync protocol codes, their Chinese and English texts, and the protocol's one exception.

A code is a stable string; software acts on the code, people read the text. The table is
printed in docs/sync-protocol.md §10 and a test keeps the two in step. This module imports
nothing but the standard library: ztclient's message catalogue (``ztclient.domain.messages``)
merges these texts, so the client and ztcentral say the same thing for the same code.

:class:`ProtocolError` is what every parser and verifier of this package raises. It is not a
``ztclient`` ``DomainError`` (this package imports neither program): the client turns it into
one at its adapter boundary (``ztclient.infra.sync.engine``), ztcentral into an HTTP answer.
"""

from __future__ import annotations

from typing import Any

#: code -> (中文, English), in the order of docs/sync-protocol.md §10.
MESSAGES: dict[str, tuple[str, str]] = {
    "E_BUNDLE_TRUNCATED": ("同步包不完整（被截断）", "The bundle is truncated"),
    "E_BUNDLE_TOO_LARGE": ("同步包超过大小上限", "The bundle exceeds the size limit"),
    "E_BUNDLE_FORMAT": ("同步包格式错误", "The bundle is malformed"),
    "E_BUNDLE_HEADER": ("同步包头部不合规范", "The bundle header is invalid"),
    "E_BUNDLE_CAPABILITY": ("同步包需要本程序不支持的功能", "The bundle requires an unknown capability"),
    "E_BUNDLE_VERSION": ("同步包格式版本不受支持", "Unsupported bundle format version"),
    "E_SUITE_UNKNOWN": ("未知的密码套件", "Unknown cryptographic suite"),
    "E_SUITE_UNSUPPORTED": ("该密码套件尚不支持（国密/后量子）", "Cryptographic suite recognised but not supported"),
    "E_SUITE_NOT_ALLOWED": ("该设备不允许使用此密码套件", "Suite not allowed for this device (downgrade)"),
    "E_DEVICE_UNKNOWN": ("签名密钥未登记，已隔离待审", "Unknown signing key; bundle quarantined"),
    "E_DEVICE_REVOKED": ("设备密钥已吊销，已隔离待审", "Device key revoked; bundle quarantined"),
    "E_DEVICE_KEY_MISMATCH": ("签名密钥不属于所声明的设备", "Signing key belongs to another device"),
    "E_BUNDLE_SIGNATURE": ("同步包签名无效", "Bundle signature is invalid"),
    "E_BUNDLE_RECIPIENT": ("同步包不是发给本机密钥的", "Bundle is encrypted to another key"),
    "E_BUNDLE_DECRYPT": ("同步包无法解密", "Bundle payload cannot be decrypted"),
    "E_BUNDLE_PAYLOAD": ("同步包内容不合规范", "Bundle payload is invalid"),
    "E_BUNDLE_REPLAY": ("该序号范围已经入库（重放）", "Sequence range already applied (replay)"),
    "E_BUNDLE_FORK": ("同一序号出现不同内容（分叉）", "Same sequence number, different content (fork)"),
    "E_BUNDLE_GAP": ("缺少前面的同步包，已暂存等待", "Earlier bundles missing; held in backlog"),
    "E_BUNDLE_OTHER_UNIT": ("这个文件是上级发给另一个单位（{unit}）的，不是本单位（{own}）的，请找对本单位的回执文件",
                            "This file is for another unit ({unit}), not this one ({own}); pick this unit's acknowledgement"),
    "E_BUNDLE_REORDER": ("同步包链接不上一包（顺序被打乱）", "Bundle does not chain to the previous one"),
    "E_BUNDLE_ID_REUSED": ("同一包编号内容不同", "Bundle id reused with different content"),
    "E_AUDIT_FORK": (
        "审计记录接不上中心上次确认的记录（本机审计记录可能被删改或恢复了旧数据），同步包已隔离待审",
        "The audit trail does not continue the head central anchored (entries removed, rewritten or rolled back); bundle quarantined",
    ),
    "E_RECEIPT_SIGNATURE": ("回执签名无效", "Receipt signature is invalid"),
    "E_RECEIPT_FORMAT": ("回执格式错误", "Receipt is malformed"),
    "E_RECEIPT_STALE": ("回执过期或不对应本次发送", "Receipt is stale or for another bundle"),
    "E_TRUST_SIGNATURE": (
        "信任文件的签名不对，没有接受（可能不是真正的上级服务器）",
        "The trust file's signatures do not check out; not accepted (this may not be the real central server)",
    ),
    "E_TRUST_ROLLBACK": (
        "收到的信任文件比本机已有的旧，没有接受",
        "The trust file received is older than the one this computer has; not accepted",
    ),
    "E_TRUST_EXPIRED": (
        "上级服务器的信任文件已过期：请核对本机日期，或联系上级党委",
        "The central server's trust file has expired: check this computer's date, or contact the higher committee",
    ),
    "E_TRUST_FORMAT": (
        "信任文件不完整或格式不对，没有接受",
        "The trust file is incomplete or malformed; not accepted",
    ),
    "E_ENROL_CODE": (
        "登记码不对、已经用过或已过期：请核对，或向上级党委要一个新的登记码",
        "The enrolment code is wrong, used or expired: check it, or ask the higher committee for a new one",
    ),
    "E_ENROL_FORMAT": (
        "登记文件不能用：不是本单位的，或内容已损坏",
        "The enrolment file cannot be used: it is for another unit, or damaged",
    ),
    "E_ROTATION_SIGNATURE": ("密钥轮换须由新旧密钥共同签名", "Key rotation must be signed by old and new keys"),
    "E_UPLOAD_OFFSET": ("续传位置不一致", "Upload offset mismatch"),
    "E_UPLOAD_UNKNOWN": ("续传任务不存在", "Unknown upload"),
    "E_UPLOAD_HASH": ("上传内容校验失败", "Uploaded bytes do not match the announced hash"),
    "E_UNIT_UNKNOWN": ("单位未登记", "Unknown unit"),
    "E_AUTH": ("未授权", "Not authorised"),
    "E_NETWORK": (
        "连不上上级服务器：网络不通，或连接中途断了",
        "Cannot reach the central server: no network, or the connection broke off",
    ),
    "E_SERVER": (
        "上级服务器出了故障，请稍后再试；一直不行请联系上级党委",
        "The central server failed; try again later, and tell the higher committee if it persists",
    ),
    "E_IMPORT_KIND": ("无法识别的导入文件", "Unrecognised import file"),
    "E_EXCHANGE_FORMAT": ("同步交换请求格式错误", "The exchange request is malformed"),
    "E_MERGE_CONFLICT": ("同一字段两边都有修改，已保留双方数值待审",
                         "Both sides changed a field; both values kept for review"),
    "E_OP_INVALID": ("操作内容不合规范", "Operation is invalid"),
    "E_OP_DUPLICATE": ("该操作已经入库", "Operation already applied"),
    "E_RECORD_UNKNOWN": ("引用的记录不存在", "Referenced record does not exist"),
    "E_MEMBER_VOIDED": ("这名党员已在本单位另一台电脑上作为录入错误作废：这条记录已保留，但不计入任何统计，"
                        "请核对后作废它，或改记到正确的人名下",
                        "This member was voided as entered in error on another computer of the unit: "
                        "the record is kept but counts nowhere; check it, then void it or record it "
                        "for the right person"),
    # what ztcentral answers about a request itself: its format, its device signature
    # (DZQ1, docs/sync-protocol.md §7.7), rate limits and quotas
    "E_REQUEST_FORMAT": ("请求格式错误：{what}", "The request is malformed: {what}"),
    "E_ROUTE_UNKNOWN": ("中心服务器没有这个接口（程序版本不符？）", "The central server has no such endpoint (version mismatch?)"),
    "E_METHOD": ("该接口不接受这种请求方式", "This endpoint does not accept this request method"),
    "E_UPLOAD_SIZE": ("上传大小无效", "Invalid upload size"),
    "E_REQUEST_UNSIGNED": ("请求缺少本机的设备签名，请升级客户端", "The request is not signed by this device; update the client"),
    "E_REQUEST_SIGNATURE": ("请求签名无效", "The request signature is invalid"),
    "E_REQUEST_CLOCK": ("本机时间与中心服务器相差过大，请校对电脑时间", "This computer's clock is too far from the server's; set the time"),
    "E_REQUEST_REPLAY": ("重复的请求（重放），已拒绝", "Repeated request (replay) refused"),
    "E_RATE_LIMITED": ("尝试过于频繁，请 {retry_after} 秒后再试", "Too many attempts; try again in {retry_after} s"),
    "E_DEVICE_QUOTA": ("本机在中心服务器暂存的数据超过配额，请稍后再同步", "This device's pending data at the central server is over its quota; sync again later"),
}  # fmt: skip

#: The codes, in the order of docs/sync-protocol.md §10.
SYNC_CODES: tuple[str, ...] = tuple(MESSAGES)


class ProtocolError(Exception):
    """A sync artefact (bundle, receipt, trust file, enrolment file, request) was refused.

    ``code`` is one of :data:`SYNC_CODES`; ``params`` fill the text's placeholders and say
    which part failed (``what``), never personal data.
    """

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"not a protocol code: {code}")
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}" if params else code)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


# The names the two programs have always used for the same thing; one class underneath.
SyncRejected = ProtocolError


class BundleRejected(ProtocolError):
    """:func:`ztprotocol.bundle.open_bundle` refused the bytes."""


class ReceiptRejected(ProtocolError):
    """A receipt failed verification."""


class TrustRejected(ProtocolError):
    """A trust file failed verification."""
