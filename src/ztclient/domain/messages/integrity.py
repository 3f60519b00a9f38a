"""Error texts of one area — integrity: damaged files, the keyed and anchored audit chain, rekey, disk errors, diagnostics.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a restore whose backup carries a changed trail (installed all the same) ----------
    "W_RESTORE_TRAIL": (
        "注意：这个备份的审计记录有{count}处问题，可能在备份前被改动过（第一处：{first}）。"
        "数据已恢复；请运行“verify”查看全部问题，并报告上级党委，上级的副本能看出改动了什么",
        "Warning: this backup's audit trail has {count} problem(s) and may have been changed "
        "before it was made (first: {first}). The data was restored; run “verify” to see them "
        "all and tell the higher committee, whose copy shows what was changed",
    ),
    # --- the database file, before it is opened ------------------------------------------
    "E_DB_MISSING": (
        "找不到数据库文件，但密钥文件还在：请从备份恢复（{path}）",
        "The database file is missing but the key file is still there; restore from a backup ({path})",
    ),
    # --- a file or folder the clerk named (a backup to restore, a folder to write into) -----
    "E_FILE_NOT_FOUND": (
        "找不到文件“{path}”：请检查文件名和所在位置（U盘是否插好）",
        "No such file “{path}”: check its name and where it is (is the USB stick plugged in?)",
    ),
    "E_FOLDER_NOT_FOUND": (
        "找不到文件夹“{path}”，没有写入任何内容：请另选保存位置",
        "No such folder “{path}”; nothing was written. Choose another place",
    ),
    # --- disks and files (infra/os_errors.py): every writer is atomic, nothing half-written --
    "E_DISK_FULL": (
        "磁盘空间不足，没有写入任何内容：请腾出空间后重试（{path}）",
        "The disk is full; nothing was written. Free some space and try again ({path})",
    ),
    "E_NO_ACCESS": (
        "无法写入“{path}”：没有权限或介质只读，没有写入任何内容。请换一个文件夹",
        "Cannot write “{path}”: no permission or a read-only medium; nothing was written. Choose another folder",
    ),
    "E_IO": (
        "读写磁盘出错（{path}），本次操作没有完成。请检查磁盘或U盘，必要时从备份恢复",
        "A disk error occurred ({path}); the operation did not complete. Check the disk or USB stick; restore from a backup if needed",
    ),
    # --- unexpected errors (services/incidents.py) ---------------------------------------
    "E_INTERNAL": (
        "程序内部出错（{kind}），已记入日志，编号 {ref}。请用“ztclient-cli diagnose”生成诊断包，连同编号交给上级组织",
        "Internal error ({kind}), logged as {ref}. Make a support bundle with “ztclient-cli diagnose” and send it with the reference",
    ),
    # --- rekey and restore --------------------------------------------------------------
    "E_REKEY_CHECK": (
        "更换数据密钥时核对新数据没有通过，原来的数据和密钥文件都没有改动",
        "Re-encrypting did not pass its check; the data and the key file were not changed",
    ),
    "E_RESTORE_OTHER_UNIT": (
        "这个备份属于“{backup_unit}”，当前数据属于“{current_unit}”，没有恢复。"
        "如确实要用其他单位的备份替换当前数据，请确认后再恢复（命令行加 --other-unit）",
        "This backup belongs to “{backup_unit}”, the current data to “{current_unit}”; nothing was restored. "
        "To replace the current data with another unit's backup, confirm and restore again (--other-unit)",
    ),
    "E_RESTORE_UNIT_UNKNOWN": (
        "这个备份属于“{backup_unit}”，但当前数据用这个口令打不开，无法确认是不是同一单位，没有恢复。"
        "如确实要替换当前数据，请确认后再恢复（命令行加 --other-unit）",
        "This backup belongs to “{backup_unit}”, but the current data does not open with this passphrase, "
        "so it cannot be checked to be the same unit; nothing was restored. To replace it, confirm and "
        "restore again (--other-unit)",
    ),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
