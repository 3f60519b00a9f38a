"""``ztcentral``: init, migrate, serve, enroll-unit, import, report, status, revoke, publish.

Exit codes: 0 ok, 1 pending migrations (``migrate --check``), 2 usage, 4 input refused (a
coded error is printed), 5 the data folder or database cannot be used as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ztcentral.config import default_data_dir, init_data_dir, open_central
from ztcentral.errors import CentralError
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


def cmd_migrate(a: argparse.Namespace) -> int:
    from ztcentral import schema

    central = open_central(a.data_dir, migrate=False)
    todo = schema.pending(central.db)
    if a.check:
        for label in todo:
            print(f"pending: {label}")
        print(f"schema {schema.current_version(central.db)} of {schema.LATEST}")
        return 1 if todo else 0
    for label in schema.migrate(central.db):
        print(f"applied: {label}")
    print(f"schema {schema.current_version(central.db)} ({central.db.kind}), up to date")
    return 0


def cmd_serve(a: argparse.Namespace) -> int:
    import uvicorn

    from ztcentral.app import create_app

    tls = _tls_files(a)
    if not tls and a.host not in LOOPBACK:
        print(
            "警告：以明文 http 在非本机地址上提供服务；请用 --certfile/--keyfile 或在前面加 TLS 代理。\n"
            "warning: plain http on a non-loopback address; use --certfile/--keyfile or a TLS "
            "proxy in front.",
            file=sys.stderr,
        )
    # no Server or Date header: on a 9.6 kbit/s line every answer's bytes count (issue 15)
    uvicorn.run(
        create_app(a.data_dir),
        host=a.host,
        port=a.port,
        log_level="warning",
        forwarded_allow_ips=a.forwarded_allow_ips,
        **tls,
        server_header=False,
        date_header=False,
    )
    return 0


LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _tls_files(a: argparse.Namespace) -> dict[str, str]:
    """uvicorn's TLS arguments, after checking that the certificate and key load together."""
    if not (a.certfile or a.keyfile):
        return {}
    if not (a.certfile and a.keyfile):
        raise CentralError("E_TLS_FILES", path=a.certfile or a.keyfile, why="需要同时给出两者 both")
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(a.certfile, a.keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise CentralError("E_TLS_FILES", path=a.certfile, why=str(exc)) from exc
    return {"ssl_certfile": str(a.certfile), "ssl_keyfile": str(a.keyfile)}


def cmd_enroll(a: argparse.Namespace) -> int:
    from ztcentral.enrolment import issue_code

    central = open_central(a.data_dir)
    code, file = issue_code(
        central, a.unit_code, server_url=a.server_url or "", name=(a.unit_name or "").strip()
    )
    out = a.out or Path(f"enrol-{a.unit_code}.json")
    out.write_bytes(file)
    print(code)
    print(f"enrolment file: {out}", file=sys.stderr)
    return 0


def cmd_import(a: argparse.Namespace) -> int:
    """Import USB files in any order; each answer is written beside its file."""
    from ztcentral.enrolment import current_trust
    from ztcentral.imports import import_bytes

    central = open_central(a.data_dir)
    worst = 0
    # enrolment requests first: a bundle of a device not yet enrolled then goes straight in
    # (one imported before its request is kept and released when the request comes anyway)
    files = sorted(a.file, key=lambda f: (b'"enrol-request"' not in f.read_bytes()[:400], str(f)))
    for file in files:
        res = import_bytes(central, file.read_bytes())
        written = []
        if res.ack:
            suffix = ".response.json" if res.kind == "enrol-request" else ".ack.dzb"
            ack_path = (a.ack_out if len(files) == 1 and a.ack_out else None) or file.with_name(
                file.name + suffix
            )
            ack_path.write_bytes(res.ack)
            written.append(ack_path)
        if res.released:  # bundles that had come before this enrolment request
            released_path = file.with_name(file.name + ".ack.dzb")
            released_path.write_bytes(res.released)
            written.append(released_path)
        for path in written:
            # the current trust file beside the ack: a device reads it first, so an ack
            # signed by a rotated online key still verifies
            (path.parent / "trust.json").write_bytes(current_trust(central))
            print(f"acknowledgement: {path}")
        print(
            json.dumps(
                {
                    "file": str(file),
                    "kind": res.kind,
                    "status": res.status,
                    "code": res.code,
                    "duplicate": res.duplicate,
                    "device": res.device_id,
                },
                ensure_ascii=False,
            )
        )
        if res.status not in ("applied", "held", "enrolled", "rotated"):
            worst = 4
    return worst


def cmd_report(a: argparse.Namespace) -> int:
    from ztcentral.report import write_report

    central = open_central(a.data_dir)
    print(write_report(central.db, a.out, a.year))
    return 0


def cmd_status(a: argparse.Namespace) -> int:
    from ztcentral.status import print_status, status_with_problems

    central = open_central(a.data_dir)
    rep = status_with_problems(central, a.data_dir)
    if a.json:
        print(json.dumps(rep, ensure_ascii=False, indent=2, default=str))
    else:
        print_status(rep, a.data_dir)
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


def _not_open(sha: str, state: str) -> int:
    """A stale retry or dismiss: what had become of the bundle (nothing was done), exit 4."""
    from ztcentral.quarantine import DISMISSED, RETRIED

    words = {DISMISSED: ("标为不予处理", "dismissed"), RETRIED: ("重新处理", "retried")}
    if state in words:
        what, what_en = words[state]
        err = CentralError("E_QUARANTINE_HANDLED", what=what, what_en=what_en, sha=sha)
    else:
        err = CentralError("E_QUARANTINE_GONE", sha=sha)
    print(err.text(), file=sys.stderr)
    return 4


def cmd_quarantine(a: argparse.Namespace) -> int:
    from ztcentral import quarantine

    central = open_central(a.data_dir)
    if a.retry:
        out = quarantine.retry(central, a.retry)
        if out.code == quarantine.NOT_QUARANTINED:
            print(json.dumps({"status": "not_run", "state": out.params.get("state")}))
            return _not_open(a.retry, str(out.params.get("state")))
        result = {"status": out.status, "code": out.code}
        if out.device_id is not None and out.status in ("applied", "held"):
            # a fresh acknowledgement for the device: carry it back and import it there
            from ztcentral.usb_acks import acknowledgement, answered

            ack = acknowledgement(central, out.device_id, answered(central.blobs.get(a.retry), out))
            path = (a.out or Path(".")) / f"quarantine-{a.retry[:12]}.ack.dzb"
            path.write_bytes(ack)
            result["acknowledgement"] = str(path)
        print(json.dumps(result))
        return 0 if out.status in ("applied", "held") else 4
    if a.dismiss:
        done, state = quarantine.dismiss(central, a.dismiss)
        return 0 if done else _not_open(a.dismiss, state)
    from ztcentral import localtime
    from ztcentral.storage import status_report

    for q in status_report(central.db)["quarantine"]:
        print(
            f"{q['sha256']} {q['code']} kid {q['kid']} device {q['device_id']} "
            f"{localtime.labelled(q['received_at'])}"
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
    s = sub.add_parser("migrate", help="bring the database to this version's schema")
    s.add_argument("--check", action="store_true", help="only list pending migrations (exit 1)")
    s.set_defaults(fn=cmd_migrate)
    s = sub.add_parser("serve", help="run the HTTP server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8750)
    s.add_argument("--certfile", type=Path, help="TLS certificate (PEM, chain included)")
    s.add_argument("--keyfile", type=Path, help="TLS private key (PEM)")
    s.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies trusted for X-Forwarded-For (the client address used by rate limits)",
    )
    s.set_defaults(fn=cmd_serve)
    s = sub.add_parser("enroll-unit", help="issue a one-time code and an enrolment file")
    s.add_argument("--unit-code", required=True)
    s.add_argument(
        "--unit-name", help="the unit's name as the committee records it (wins over the device's)"
    )
    s.add_argument("--out", type=Path)
    s.add_argument("--server-url", default="")
    s.set_defaults(fn=cmd_enroll)
    s = sub.add_parser(
        "import", help="import USB files, any order (bundles, enrolment requests, rotations)"
    )
    s.add_argument("file", type=Path, nargs="+")
    s.add_argument("--ack-out", type=Path, help="where the ack goes (one file only)")
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
    s.add_argument("--out", type=Path, help="folder for the acknowledgement of a retry")
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


def entry() -> None:
    """The ``ztcentral`` command: whatever it creates is its owner's alone (private.py)."""
    from ztcentral.private import restrict_umask

    restrict_umask()
    sys.exit(main())


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
    except CentralError as exc:
        print(exc.text(), file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    entry()
