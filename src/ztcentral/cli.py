"""``ztcentral``: init, serve, enroll-unit, import, report, status, revoke, publish.

Exit codes: 0 ok, 2 usage, 4 input refused (a coded error is printed), 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ztcentral.config import default_data_dir, init_data_dir, open_central
from ztprotocol.codes import MESSAGES, SyncRejected


def _say_error(exc: SyncRejected) -> int:
    zh, en = MESSAGES.get(exc.code, ("", ""))
    print(f"{exc.code}: {zh} / {en} {exc.params or ''}", file=sys.stderr)
    return 4


def cmd_init(a: argparse.Namespace) -> int:
    central = init_data_dir(a.data_dir, db_url=a.db, server_url=a.server_url or "")
    print(f"ztcentral initialised in {a.data_dir} ({central.db.kind})")
    print(
        f"admin token: {a.data_dir / 'admin.token'}; root key: {a.data_dir / 'keys/root.key'} "
        "(move it offline)"
    )
    return 0


def cmd_serve(a: argparse.Namespace) -> int:
    import uvicorn

    from ztcentral.app import create_app

    uvicorn.run(create_app(a.data_dir), host=a.host, port=a.port, log_level="warning")
    return 0


def cmd_enroll(a: argparse.Namespace) -> int:
    from ztcentral.enrolment import issue_code

    central = open_central(a.data_dir)
    code, file = issue_code(central, a.unit_code, server_url=a.server_url or "")
    out = a.out or Path(f"enrol-{a.unit_code}.json")
    out.write_bytes(file)
    print(code)
    print(f"enrolment file: {out}", file=sys.stderr)
    return 0


def cmd_import(a: argparse.Namespace) -> int:
    from ztcentral.imports import import_bytes

    central = open_central(a.data_dir)
    res = import_bytes(central, a.file.read_bytes())
    if res.ack:
        suffix = ".response.json" if res.kind == "enrol-request" else ".ack.dzb"
        ack_path = a.ack_out or a.file.with_name(a.file.name + suffix)
        ack_path.write_bytes(res.ack)
        # the current trust file beside the ack: a device reads it first, so an ack signed
        # by a rotated online key still verifies
        from ztcentral.enrolment import current_trust

        (ack_path.parent / "trust.json").write_bytes(current_trust(central))
        print(f"acknowledgement: {ack_path}")
    print(
        json.dumps(
            {
                "kind": res.kind,
                "status": res.status,
                "code": res.code,
                "duplicate": res.duplicate,
                "device": res.device_id,
            },
            ensure_ascii=False,
        )
    )
    return 0 if res.status in ("applied", "held", "enrolled", "rotated") else 4


def cmd_report(a: argparse.Namespace) -> int:
    from ztcentral.report import write_report

    central = open_central(a.data_dir)
    print(write_report(central.db, a.out, a.year))
    return 0


def cmd_status(a: argparse.Namespace) -> int:
    from ztcentral.storage import status_report

    rep = status_report(open_central(a.data_dir).db)
    if a.json:
        print(json.dumps(rep, ensure_ascii=False, indent=2, default=str))
        return 0
    for u in rep["units"]:
        counts = ", ".join(f"{k} {v}" for k, v in u["counts"].items())
        print(f"unit {u['code']}: {counts}")
    for d in rep["devices"]:
        print(
            f"  device {d['device_id']} ({d['unit']}, {d['status']}): applied through "
            f"#{d['watermark']}, downlink #{d['down_seq']}"
        )
    for h in rep["held"]:
        print(f"held: {h['device_id']} #{h['seq_from']}-{h['seq_to']} ({h['bundle_id']})")
    for q in rep["quarantine"]:
        print(f"quarantined: {q['sha256'][:16]}… {q['code']} kid {q['kid']} ({q['size']} bytes)")
    for n in rep["notices"]:
        state = f"read {n['read_at'][:16]}" if n["read_at"] else "unread"
        answer = f" — {n['feedback']}" if n["feedback"] else ""
        print(f"notice {n['title']} → {n['unit']}: {state}{answer}")
    return 0


def cmd_revoke(a: argparse.Namespace) -> int:
    from ztcentral.trustops import revoke_and_publish

    ok = revoke_and_publish(open_central(a.data_dir), a.device)
    print("revoked" if ok else "no such device")
    return 0 if ok else 4


def cmd_rotate(a: argparse.Namespace) -> int:
    from ztcentral.trustops import publish_trust

    version = publish_trust(
        open_central(a.data_dir),
        keys_dir=a.data_dir / "keys",
        rotate_enc=a.enc,
        rotate_sign=a.sign,
        rotate_root=a.root,
    )
    print(f"trust file version {version} published")
    return 0


def cmd_quarantine(a: argparse.Namespace) -> int:
    from ztcentral import quarantine

    central = open_central(a.data_dir)
    if a.retry:
        out = quarantine.retry(central, a.retry)
        print(json.dumps({"status": out.status, "code": out.code}))
        return 0 if out.status in ("applied", "held") else 4
    if a.dismiss:
        return 0 if quarantine.dismiss(central, a.dismiss) else 4
    from ztcentral.storage import status_report

    for q in status_report(central.db)["quarantine"]:
        print(
            f"{q['sha256']} {q['code']} kid {q['kid']} device {q['device_id']} {q['received_at']}"
        )
    return 0


def cmd_down(a: argparse.Namespace) -> int:
    from ztcentral.downlink import fetch_down

    data = fetch_down(open_central(a.data_dir), a.device, a.after)
    if data is None:
        print("nothing to send")
        return 0
    a.out.write_bytes(data)
    print(a.out)
    return 0


def cmd_publish(a: argparse.Namespace) -> int:
    body = json.loads(a.body_file.read_text("utf-8"))
    print(open_central(a.data_dir).add_down_item(a.unit, a.type, body, a.device))
    return 0


def cmd_user(a: argparse.Namespace) -> int:
    from ztcentral.console.cli import run

    return run(a, open_central)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ztcentral", description="智慧政工 central server")
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (ZTCENTRAL_DATA_DIR)")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("init", help="create keys, database and trust file")
    s.add_argument("--db", help="postgresql://… DSN (default: SQLite in the data folder)")
    s.add_argument("--server-url", default="")
    s.set_defaults(fn=cmd_init)
    s = sub.add_parser("serve", help="run the HTTP server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8750)
    s.set_defaults(fn=cmd_serve)
    s = sub.add_parser("enroll-unit", help="issue a one-time code and an enrolment file")
    s.add_argument("--unit-code", required=True)
    s.add_argument("--out", type=Path)
    s.add_argument("--server-url", default="")
    s.set_defaults(fn=cmd_enroll)
    s = sub.add_parser("import", help="import a USB file (bundle, enrolment request, rotation)")
    s.add_argument("file", type=Path)
    s.add_argument("--ack-out", type=Path)
    s.set_defaults(fn=cmd_import)
    s = sub.add_parser("report", help="units side by side (XLSX)")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--year", type=int)
    s.set_defaults(fn=cmd_report)
    s = sub.add_parser("status", help="units, devices, counts, backlog, quarantine")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_status)
    s = sub.add_parser("revoke", help="revoke a device")
    s.add_argument("device")
    s.set_defaults(fn=cmd_revoke)
    s = sub.add_parser("rotate-keys", help="rotate central keys and publish trust version N+1")
    s.add_argument("--enc", action="store_true", help="new encryption key (old one kept)")
    s.add_argument("--sign", action="store_true", help="new online signing key")
    s.add_argument("--root", action="store_true", help="new root key, signed by old and new")
    s.set_defaults(fn=cmd_rotate)
    s = sub.add_parser("quarantine", help="list, retry or dismiss quarantined bundles")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--retry", metavar="SHA256")
    g.add_argument("--dismiss", metavar="SHA256")
    s.set_defaults(fn=cmd_quarantine)
    s = sub.add_parser("down", help="write a device's next downlink bundle to a file (USB)")
    s.add_argument("--device", required=True)
    s.add_argument("--after", type=int, required=True, help="the device's downlink seq")
    s.add_argument("--out", type=Path, required=True)
    s.set_defaults(fn=cmd_down)
    s = sub.add_parser("publish", help="queue a downlink item (notice, material, code table…)")
    s.add_argument("--unit", required=True)
    s.add_argument(
        "--type",
        required=True,
        choices=["notice", "material", "code_table", "org_change", "transfer_in"],
    )
    s.add_argument("--body-file", type=Path, required=True)
    s.add_argument("--device")
    s.set_defaults(fn=cmd_publish)
    from ztcentral.console.cli import add_parser as add_user_parser

    add_user_parser(sub)
    sub.choices["user"].set_defaults(fn=cmd_user)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except argparse.ArgumentError as exc:  # a sub-command's bad value: usage, exit 2
        parser.error(str(exc))
    args.data_dir = args.data_dir or default_data_dir()
    try:
        return args.fn(args)
    except SyncRejected as exc:
        return _say_error(exc)


if __name__ == "__main__":
    sys.exit(main())
