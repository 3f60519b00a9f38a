"""The unit's records as plain enums. Values are the stored codes (stable: they go into sync ops)."""

from __future__ import annotations

from enum import StrEnum

from ztprotocol import roll


class OrgKind(StrEnum):
    COMMITTEE = "committee"  # 基层党委
    GENERAL_BRANCH = "general_branch"  # 党总支
    BRANCH = "branch"  # 党支部
    GROUP = "group"  # 党小组


class Category(StrEnum):
    """人员类别 and development stage."""

    APPLICANT = "applicant"  # 入党申请人
    ACTIVIST = "activist"  # 入党积极分子
    CANDIDATE = "candidate"  # 发展对象
    PROBATIONARY = "probationary"  # 预备党员
    FULL = "full"  # 正式党员

    @property
    def is_member(self) -> bool:
        """预备党员 or 正式党员 (ztprotocol.roll, shared with the centre)."""
        return roll.is_member(self.value)


class Status(StrEnum):
    """党籍 / 组织关系 status. Only NORMAL and MOBILE members are due at their branch's meetings."""

    NORMAL = "normal"  # 正常
    MOBILE = "mobile"  # 流动党员 (外出)
    LOST_CONTACT = "lost_contact"  # 失去联系
    SUSPENDED = "suspended"  # 停止党籍
    TRANSFERRED_OUT = "transferred_out"  # 已转出组织关系
    EXITED = "exited"  # 出党 (see exit_kind)
    DECEASED = "deceased"  # 死亡
    VOIDED = "voided"  # 已作废: entered in error (录入错误作废), never a fact about the person

    @property
    def is_current(self) -> bool:
        """Still counted in the unit's membership (在册; ztprotocol.roll, shared with the centre)."""
        return roll.is_current(self.value)


class EventKind(StrEnum):
    """党员事件. Each is dated; applying one changes the member's category/status fields."""

    APPLIED = "applied"  # 递交入党申请书
    ACTIVIST = "activist"  # 确定为入党积极分子
    CANDIDATE = "candidate"  # 确定为发展对象
    ADMITTED = "admitted"  # 接收为预备党员 (支部大会通过)
    CONVERTED = "converted"  # 转为正式党员
    PROBATION_EXTENDED = "probation_extended"  # 延长预备期
    PROBATION_REVOKED = "probation_revoked"  # 取消预备党员资格
    TRANSFER_IN = "transfer_in"  # 转入组织关系
    TRANSFER_OUT = "transfer_out"  # 转出组织关系
    TRANSFER_RECEIPT = "transfer_receipt"  # 回执已收到
    MOBILE_OUT = "mobile_out"  # 外出流动
    MOBILE_BACK = "mobile_back"  # 流动返回
    LOST_CONTACT = "lost_contact"  # 失去联系
    CONTACT_RESTORED = "contact_restored"  # 恢复联系
    SUSPENDED = "suspended"  # 停止党籍
    RESTORED = "restored"  # 恢复党籍
    DISCIPLINE_PROBATION = "discipline_probation"  # 留党察看 (no vote while under it)
    DISCIPLINE_ENDED = "discipline_ended"  # 留党察看期满 / 恢复党员权利
    EXITED = "exited"  # 出党 (details.exit_kind from code table exit_kind)
    DECEASED = "deceased"  # 死亡
    ORG_CHANGED = "org_changed"  # 支部内调整 (moved to another branch or group of the unit)


class MeetingKind(StrEnum):
    """会议类型 (domain facts §3)."""

    BRANCH_GENERAL = "branch_general"  # 支部党员大会
    BRANCH_COMMITTEE = "branch_committee"  # 支部委员会会议
    GROUP = "group"  # 党小组会
    LECTURE = "lecture"  # 党课
    THEME_DAY = "theme_day"  # 主题党日
    ORG_LIFE = "org_life"  # 组织生活会
    APPRAISAL = "appraisal"  # 民主评议党员
    TOPIC = "topic"  # 专题会


class AttendanceStatus(StrEnum):
    PRESENT = "present"  # 出席
    ABSENT = "absent"  # 缺席 (reason: 病假/事假/公出…)
    EXCLUDED = "excluded"  # 经批准不计入应到会人数


class ResolutionKind(StrEnum):
    ORDINARY = "ordinary"  # 一般决议
    ADMISSION = "admission"  # 接收预备党员
    CONVERSION = "conversion"  # 预备党员转正
    EXTENSION = "extension"  # 延长预备期 (resolutions.extension_months)
    REVOCATION = "revocation"  # 取消预备党员资格
    ELECTION = "election"  # 选举
