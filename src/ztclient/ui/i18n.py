"""Translations: the one ``translate(context, text)`` helper, the QTranslator, coded errors.

Source strings are Chinese (the program is Chinese first, and a missing .qm then still shows
Chinese); ``resources/translations/ztclient_en.ts`` holds the English. ``ztclient_zh_CN.ts``
carries the same messages with identical translations so translators see one file per language.

Call sites write ``translate("Context", "文字 {n}").format(n=3)``: two literal arguments only,
because pyside6-lupdate's Python parser misreads keyword arguments; placeholders are Python
``{name}`` fields filled after translation (tests check both languages keep the same set).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ztclient.domain.errors import DomainError

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
_state = {"lang": "zh_CN"}
_translators: list[QTranslator] = []


def translate(context: str, text: str) -> str:
    """Translate ``text`` in ``context`` (an explicit context: never the runtime class name)."""
    return QCoreApplication.translate(context, text)


def current_language() -> str:
    return _state["lang"]


def domain_lang() -> str:
    """The language code the domain's message tables use ("zh" or "en")."""
    return "en" if _state["lang"] == "en" else "zh"


def translations_dir() -> Path:
    from ztclient import resources

    return resources.path("translations")


def install(lang: str) -> bool:
    """Load ``ztclient_<lang>.qm`` (building it first in a checkout when missing or stale)."""
    app = QCoreApplication.instance()
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    lang = lang if lang in LANGUAGES else "zh_CN"
    _state["lang"] = lang
    QLocale.setDefault(
        QLocale(
            QLocale.Language.English if lang == "en" else QLocale.Language.Chinese,
            QLocale.Country.UnitedStates if lang == "en" else QLocale.Country.China,
        )
    )
    _install_qt_own(app, lang)
    folder = translations_dir()
    qm = folder / f"ztclient_{lang}.qm"
    ts = folder / f"ztclient_{lang}.ts"
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        _build_qm(ts, qm)
    if not qm.exists():
        log.warning("no translation file %s", qm)
        return False
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.warning("could not load %s", qm)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def _install_qt_own(app, lang: str) -> bool:
    """Qt's own texts (file chooser, message-box buttons, context menus) in the same language:
    ``qtbase_<lang>.qm`` from PySide6's translations folder (kept in the frozen build by
    build.spec). Without it a Chinese program showed English file dialogs (issue 9)."""
    from PySide6.QtCore import QLibraryInfo

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{lang}", folder):
        log.warning("no Qt translation qtbase_%s in %s", lang, folder)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    gaps_ts = translations_dir() / f"qtgaps_{lang}.ts"
    gaps_qm = gaps_ts.with_suffix(".qm")
    if gaps_ts.exists() and (
        not gaps_qm.exists() or gaps_qm.stat().st_mtime < gaps_ts.stat().st_mtime
    ):
        _build_qm(gaps_ts, gaps_qm)
    gaps = QTranslator(app)
    if gaps_qm.exists() and gaps.load(str(gaps_qm)):
        # Strings Qt 6's own catalogue lacks ("&Look in:" where it has "Look in:"), seen in
        # the file chooser under Xvfb; installed after qtbase, so asked before it.
        app.installTranslator(gaps)
        _translators.append(gaps)
    return True


def _build_qm(ts: Path, qm: Path) -> None:
    """Build one .qm next to its .ts (a checkout without a packaging step)."""
    try:
        import importlib.util
        import sys

        tool = Path(__file__).resolve().parents[3] / "tools" / "build_translations.py"
        if not tool.exists():
            return
        spec = importlib.util.spec_from_file_location("_zt_build_translations", tool)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        sys.modules.setdefault("_zt_build_translations", module)
        spec.loader.exec_module(module)
        module.build_one(ts, qm)
    except Exception:  # a missing tool must not stop the program: Chinese still shows
        log.exception("building %s failed", qm)


def error_text(err: BaseException) -> str:
    """A clerk-readable message for any error raised by an operation."""
    from ztclient.domain.messages import render_error

    if isinstance(err, DomainError):
        return render_error(err, domain_lang())
    if type(err).__name__ == "DatabaseError":
        # The driver's class belongs to infra; by name is enough to say "damaged, restore".
        return render_error(DomainError("E_DB_DAMAGED"), domain_lang())
    if isinstance(err, OSError):  # a writer that missed its coded error (infra codes them)
        from ztclient.domain.disk_errors import coded

        return render_error(coded(err), domain_lang())
    return unexpected_text(err)


def unexpected_text(err: BaseException) -> str:
    """An unexpected error, said honestly: what kind, its log reference, and what is known
    about the data — the job runner counts the unit's commits around the job, so "nothing was
    saved" is said only when it is known (ui/operations.py)."""
    from ztclient.services.incidents import reference

    saved = getattr(err, "ztclient_saved", "unknown")
    state = {
        "none": translate("Errors", "这次操作没有保存任何内容，数据和出错前一样。"),
        "some": translate("Errors", "出错前这次操作已经保存了一部分内容，请检查刚才的修改。"),
    }.get(saved, translate("Errors", "不能确定这次操作是否保存了内容，请检查刚才的修改。"))
    return translate(
        "Errors",
        "出现意外错误（{kind}，编号 {ref}）。{state}已记入日志；如果反复出现，"
        "请在“设置 → 技术支持”中生成诊断包，连同编号交给上级组织。",
    ).format(kind=type(err).__name__, ref=reference(err) or "—", state=state)


def code_label(table: str, code: str | None) -> str:
    """The label of a code in the current language; the code itself when it is unknown."""
    if not code:
        return ""
    from ztclient.domain import codes

    try:
        return codes.table(table).label(code, domain_lang())
    except DomainError:
        return str(code)


def code_choices(table: str) -> list[tuple[str, str]]:
    from ztclient.domain import codes

    return codes.table(table).choices(domain_lang())
