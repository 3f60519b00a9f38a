"""ztclient-cli screenshot: render each main screen with demo data to PNG files (offscreen).

The CLI may not import the UI (import-linter: ui, cli and infra are independent siblings), so
the command asks the App, which imports ``ztclient.ui.screenshots`` lazily.
"""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "screenshot", help="用演示数据生成各主要界面的截图 / render the main screens to PNG"
    )
    p.add_argument("--out", required=True, help="输出文件夹 / output folder")
    p.add_argument("--scale", choices=["branch", "committee"], default="branch")
    p.add_argument(
        "--ui-lang", choices=["zh_CN", "en"], default="zh_CN", help="界面语言 / UI language"
    )
    p.set_defaults(func=cmd_screenshot)


def cmd_screenshot(ctx) -> int:
    """Uses a throw-away demo unit: the clerk's own data and passphrase are never touched."""
    from ztclient.cli.main import UsageError

    render = getattr(ctx.app, "screenshot", None)
    if render is None:
        raise UsageError("this build has no desktop UI (App.screenshot is missing)")
    paths = render(Path(ctx.args.out), scale=ctx.args.scale, lang=ctx.args.ui_lang)
    for path in paths:
        ctx.out(str(path))
    return 0
