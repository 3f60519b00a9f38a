"""Sample inputs for every document: used by the tests, bench/documents.py and docs/samples.

One absent member's name carries 𠀾 (U+2003E, CJK Extension B, outside the BMP).
"""

from __future__ import annotations

import random
from datetime import date, datetime

from ztclient.services.report_models import (
    CompositionDoc,
    LedgerMeeting,
    LedgerRequirement,
    MeetingLedgerDoc,
    MemberCardDoc,
    MinutesDoc,
    RecoverySheetDoc,
    ReportProvenance,
    Resolution,
    RosterDoc,
    RosterRow,
    SigninDoc,
    StudyHoursDoc,
    StudyRow,
)

RARE = "\U0002003e"  # 𠀾
RARE_NAME = "张" + RARE + "明"
UNIT = "中共青山镇机关委员会"
ORG = "中共青山镇机关第一支部委员会"


def provenance(source: str = "confirmed") -> ReportProvenance:
    return ReportProvenance(
        UNIT,
        "370102001",
        datetime(2026, 11, 23, 9, 30),
        "李文华",
        source,
        128 if source == "confirmed" else None,
    )


def minutes() -> MinutesDoc:
    return MinutesDoc(
        unit_name=UNIT,
        org_name="青山镇机关第一党支部",
        kind_label="支部党员大会",
        title="2026年第四季度支部党员大会",
        seq_no=4,
        starts_at=datetime(2026, 11, 20, 9, 0),
        ends_at=datetime(2026, 11, 20, 11, 30),
        place="镇政府三楼会议室",
        chair_name="王建国",
        chair_post="支部书记",
        recorder_name="李文华",
        recorder_post="组织委员",
        due=23,
        present=21,
        absent_count=2,
        absent=((RARE_NAME, "病假"), ("赵丽", "公出")),
        guests=(("孙志强", "镇党委组织委员", "指导工作"),),
        agenda=(
            "传达学习上级会议精神",
            "讨论接收刘洋同志为预备党员",
            "研究年度民主评议党员工作安排",
        ),
        minutes=(
            "王建国同志传达了上级会议精神，要求全体党员结合岗位实际，把学习成果转化为推动工作的"
            "实际成效，做到学思用贯通、知信行统一。\n"
            "李文华同志介绍了发展对象刘洋同志的培养考察情况、政审情况和公示情况。刘洋同志"
            "2023年3月递交入党申请书，2024年4月被确定为入党积极分子，2025年5月被确定为发展对象，"
            "参加了镇党委组织的集中培训，公示期内未收到反映。\n"
            "刘洋同志汇报了本人对党的认识、入党动机和今后努力方向。\n"
            "陈红同志发言：刘洋同志工作积极主动，群众基础好，同意接收。\n"
            "周伟同志发言：建议刘洋同志在理论学习方面进一步加强，多参加志愿服务。\n"
            "王建国同志介绍了党员活动经费使用办法修改稿。赵丽同志书面提出意见，认为经费应优先"
            "保障困难党员慰问。与会党员对修改稿进行了讨论，意见分歧较大。"
        ),
        resolutions=(
            Resolution(
                "接收刘洋同志为中共预备党员",
                20,
                0,
                1,
                1,
                22,
                20,
                True,
                "李文华",
                date(2026, 11, 30),
                "通过",
                (
                    "“接收刘洋同志为中共预备党员”：赞成 20 票，反对 0 票，弃权 1 票（含书面意见 1 份）",
                    "“接收刘洋同志为中共预备党员”赞成票超过应到会有表决权人数的半数（至少 12 票），通过",
                ),
            ),
            Resolution(
                "调整党员活动经费使用办法",
                9,
                8,
                3,
                0,
                22,
                20,
                False,
                "王建国",
                None,
                "未通过",
                (
                    "“调整党员活动经费使用办法”：赞成 9 票，反对 8 票，弃权 3 票（含书面意见 0 份）",
                    "“调整党员活动经费使用办法”赞成9票，未超过应到会有表决权人数的半数（至少需12票），未通过",
                ),
            ),
        ),
        summary=(
            "本次会议议程全部完成。接收刘洋同志为预备党员的决议报镇党委审批。\n"
            "活动经费使用办法未获通过，由支委会征求意见修改后提交下次党员大会。"
        ),
        quorum_lines=(
            "应到 23 人，实到 21 人，缺席 2 人",
            "应到会有表决权 22 人，实到 20 人，超过半数，符合开会要求",
        ),
    )


def signin(n: int = 23) -> SigninDoc:
    posts = {2: " · 书记", 3: " · 组织委员", 4: " · 宣传委员", 5: " · 纪检委员", 6: " · 党小组组长"}
    names = tuple(
        (RARE_NAME if i == 1 else f"党员{i:02d}", f"第{i % 3 + 1}党小组{posts.get(i, '')}")
        for i in range(1, n + 1)
    )
    return SigninDoc(
        UNIT,
        "青山镇机关第一党支部",
        "2026年第四季度支部党员大会",
        datetime(2026, 11, 20, 9, 0),
        "支部党员大会",
        "镇政府三楼会议室",
        names,
    )


def card() -> MemberCardDoc:
    return MemberCardDoc(
        unit_name=UNIT,
        org_name="青山镇机关第一党支部",
        name=RARE_NAME,
        gender="男",
        ethnicity="汉族",
        birth_date=date(1985, 3, 12),
        native_place="山东济南",
        id_number="3701**********1234",
        education="大学",
        degree="学士",
        job="公务员",
        work_unit="青山镇人民政府 党政办主任",
        title="",
        phone="0531-88881234",
        address="济南市历下区青山镇幸福路8号",
        category="正式党员",
        join_date=date(2010, 6, 18),
        full_member_date=date(2011, 6, 20),
        work_start_date=date(2008, 7, 1),
        party_posts=("宣传委员",),
        history=(
            (date(2015, 3, 2), "组织关系由青山镇中学党支部转入"),
            (date(2021, 1, 5), "任宣传委员"),
        ),
        made_at=date(2026, 11, 23),
    )


def recovery() -> RecoverySheetDoc:
    return RecoverySheetDoc(
        UNIT,
        "370102001",
        datetime(2026, 11, 23, 9, 30),
        "000G8-40R4T-0M300-E209E-185GW-R38E8-1W81Q-24GKH",
        "key-01",
        "李文华",
    )


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红"


def roster_rows(n: int, seed: int = 7) -> tuple[RosterRow, ...]:
    """n plausible members (valid ID numbers), one of them with the rare character."""
    from ztclient.domain.idnumber import check_char

    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        born = date(1950 + rnd.randrange(48), rnd.randrange(1, 13), rnd.randrange(1, 29))
        seq = f"{rnd.randrange(100, 999)}"
        first17 = f"370102{born:%Y%m%d}{seq}"
        idn = first17 + check_char(first17)
        name = (
            RARE_NAME
            if i == 0
            else rnd.choice(SURNAMES)
            + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
        )
        join = date(min(2024, born.year + 22 + rnd.randrange(15)), rnd.randrange(1, 13), 1)
        rows.append(
            RosterRow(
                name=name,
                gender="男" if int(seq[-1]) % 2 else "女",
                ethnicity=rnd.choice(("汉族", "汉族", "汉族", "回族", "满族")),
                birth_date=born,
                id_number=idn,
                native_place="山东济南",
                education=rnd.choice(("大学", "大专", "硕士研究生", "普通高中")),
                degree="",
                job=rnd.choice(("公务员", "事业单位管理岗位", "退休人员")),
                work_unit="青山镇人民政府 科员",
                phone=f"138{rnd.randrange(10**8):08d}",
                address="青山镇幸福路8号",
                category="正式党员",
                status="正常",
                join_date=join,
                full_member_date=date(join.year + 1, join.month, 1),
                work_start_date=date(born.year + 22, 7, 1),
                org_name=f"第{i % 60 + 1}党支部",
                group_name="",
                party_post="",
                note="",
            )
        )
    return tuple(rows)


def roster(n: int = 40, full: bool = False, source: str = "confirmed") -> RosterDoc:
    return RosterDoc(provenance(source), roster_rows(n), date(2026, 11, 23), full)


def ledger() -> MeetingLedgerDoc:
    reqs = (
        LedgerRequirement("branch_general", "支部党员大会", "quarter"),
        LedgerRequirement("branch_committee", "支部委员会会议", "month"),
        LedgerRequirement("group", "党小组会", "month"),
        LedgerRequirement("lecture", "党课", "quarter"),
    )
    meetings = []
    for b in ("第一党支部", "第二党支部"):
        for m in range(1, 11):
            meetings.append(
                LedgerMeeting(
                    b,
                    "branch_committee",
                    "支部委员会会议",
                    date(2026, m, 8),
                    f"{m}月支委会",
                    m,
                    5,
                    5,
                    "王建国",
                )
            )
            if b == "第一党支部" or m % 2:
                meetings.append(
                    LedgerMeeting(
                        b,
                        "group",
                        "党小组会",
                        date(2026, m, 15),
                        f"{m}月党小组会",
                        None,
                        8,
                        7,
                        "陈红",
                        group_name="第一党小组",
                    )
                )
        for q in (1, 2, 3):
            meetings.append(
                LedgerMeeting(
                    b,
                    "branch_general",
                    "支部党员大会",
                    date(2026, 3 * q, 20),
                    f"第{q}季度党员大会",
                    q,
                    23,
                    21,
                    "王建国",
                    "李文华",
                )
            )
        meetings.append(LedgerMeeting(b, "lecture", "党课", date(2026, 6, 28), "七一党课"))
    return MeetingLedgerDoc(
        provenance(),
        2026,
        ("第一党支部", "第二党支部"),
        tuple(meetings),
        reqs,
        date(2026, 11, 23),
        groups=(("第一党支部", "第一党小组"), ("第二党支部", "第一党小组")),
    )


def study() -> StudyHoursDoc:
    forms = ("集中培训", "集体学习", "网络培训", "个人自学")
    rows = (
        StudyRow(
            "第一党支部",
            "王建国",
            "支部书记",
            56,
            (("集中培训", 24), ("集体学习", 20), ("网络培训", 16)),
        ),
        StudyRow("第一党支部", RARE_NAME, "党员", 32, (("集体学习", 18), ("网络培训", 6.5))),
        StudyRow("第一党支部", "赵丽", "党员", 32, (("集体学习", 20), ("网络培训", 14))),
    )
    return StudyHoursDoc(provenance("draft"), 2026, forms, rows)


def composition() -> CompositionDoc:
    dims = (
        ("性别", (("男", 14), ("女", 9))),
        ("民族", (("汉族", 21), ("少数民族", 2))),
        (
            "年龄",
            (
                ("30岁及以下", 3),
                ("31至35岁", 4),
                ("36至40岁", 3),
                ("41至45岁", 3),
                ("46至50岁", 2),
                ("51至55岁", 2),
                ("56至60岁", 2),
                ("61岁及以上", 4),
            ),
        ),
        (
            "学历",
            (
                ("研究生", 2),
                ("大学本科", 10),
                ("大学专科", 6),
                ("中专", 2),
                ("高中、中技", 2),
                ("初中及以下", 1),
            ),
        ),
        ("职业", (("党政机关工作人员", 15), ("事业单位管理人员", 4), ("离退休人员", 4))),
        ("入党时间", (("十一届三中全会后至十八大前", 15), ("十八大以来", 8))),
        (
            "党龄",
            (("不满1年", 1), ("1至5年", 4), ("6至10年", 5), ("11至20年", 7), ("21年及以上", 6)),
        ),
    )
    summary = ("总体情况", (("党员总数", 23), ("女", 9), ("少数民族", 2), ("预备党员", 1),
                            ("大专及以上", 18), ("35岁及以下", 7)))  # fmt: skip
    return CompositionDoc(provenance(), date(2026, 6, 30), "青山镇机关第一党支部", 23,
                          (summary, *dims), of_which=("总体情况",))  # fmt: skip
