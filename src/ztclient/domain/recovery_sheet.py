"""What a printed 恢复码 sheet says, wherever it is printed: the PDF of 设置 → 备份 → 新恢复码
(infra/documents/recovery_pdf.py) and the first run's sheet sent straight to the printer
(ui/first_run.py). One text, so the two sheets never tell the clerk different rules."""

from __future__ import annotations

import re

TITLE = "数据恢复码"
MARK = "机密　妥善保管"
#: 保管要求 (domain facts §9: 数据安全): the code unlocks everything, like the passphrase
INSTRUCTIONS = (
    "本恢复码可在忘记登录口令时解开本单位的全部数据，与口令同等重要，请按涉密载体管理。",
    "请将本页装入信封密封，锁入保密柜，由单位负责人指定专人保管并登记。",
    "不得拍照、复印、扫描，不得录入电脑、手机或网盘，不得与安装本程序的电脑放在一起。",
    "使用恢复码后，请立即设置新口令并打印新的恢复码；旧恢复码作废，按规定销毁。",
    "如本页遗失或可能泄露，请立即在本程序中重新生成恢复码，并报告上级党组织。",
)
USE_NOTE = "忘记口令时，在解锁窗口点“忘记密码？用恢复码”，输入此码即可设置新口令。"
ALPHABET_NOTE = "恢复码由数字和大写字母组成（不用 I、L、O、U），每组最后一位是校验位，输入时各组之间的短横线可省略。"
#: groups of the code on one printed row
PER_ROW = 4


def groups(code: str) -> list[str]:
    """Split the code into its groups (on "-" or spaces); a code without separators in fours."""
    parts = [g for g in re.split(r"[\s\-]+", code.strip()) if g]
    if len(parts) == 1 and len(parts[0]) > 6:
        s = parts[0]
        parts = [s[i : i + 4] for i in range(0, len(s), 4)]
    return parts


def rows(code: str) -> list[list[str]]:
    """The groups laid out ``PER_ROW`` to a row, the last row padded with empty cells."""
    gs = groups(code)
    out = []
    for i in range(0, len(gs), PER_ROW):
        chunk = gs[i : i + PER_ROW]
        out.append(chunk + [""] * (PER_ROW - len(chunk)))
    return out
