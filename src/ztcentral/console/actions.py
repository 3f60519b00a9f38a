"""Admin pages that act: 审核 (quarantine retry/dismiss, conflicts, transfers between units),
下发 (notices and materials to some or all units, with delivery and reading), 登记 (enrolment
codes, devices, revoke). Every action is written to the console's audit log."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
import uuid
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ztcentral import localtime, quarantine
from ztcentral.console import audit, field_labels
from ztcentral.console.web import PREFIX, Ctx, error_page, harden, render
from ztcentral.downlink import queue_conflict_reviewed
from ztcentral.storage import now_iso
from ztcentral.unit_names import label, unit_names

_SHA = re.compile(r"^[0-9a-f]{64}$")
_UNIT = re.compile(r"^[0-9A-Za-z\-]{1,32}$")
ITEM_TYPES = ("notice", "material")
#: what became of a bundle sent back through the bundle path, or dismissed: each has its text
#: (review_done_…); anything else in ``?done=`` is not shown (a link must not speak for us)
REVIEW_OUTCOMES = (
    "applied", "held", "quarantined", "rejected", "dismissed", "unknown", "reviewed",
    "handled_dismissed", "handled_retried",
)  # fmt: skip
#: a stale click (another admin acted first): what had become of the bundle; nothing was done
_HANDLED = {quarantine.DISMISSED: "handled_dismissed", quarantine.RETRIED: "handled_retried"}
_CONFLICT = re.compile(r"^[0-9A-Za-z\-]{1,64}$")
#: closed conflicts 审核 lists under its open ones (newest first)
REVIEWED_SHOWN = 50


def _back(path: str, **query: str) -> Response:
    q = "&".join(f"{k}={v}" for k, v in query.items())
    return harden(RedirectResponse(f"{PREFIX}{path}{'?' + q if q else ''}", status_code=303))


def _known(done: str | None, outcomes: tuple[str, ...]) -> str | None:
    return done if done in outcomes else None


def _count(done: str | None) -> str | None:
    return done if done and done.isdigit() and len(done) <= 6 else None


# -- 审核 ---------------------------------------------------------------------------------------
def _review_data(ctx: Ctx) -> dict[str, Any]:
    with ctx.db.tx() as tx:
        names = unit_names(tx)
        quarantined = tx.all(
            "SELECT q.sha256, q.kid, q.device_id, q.code, q.size, q.received_at, d.unit "
            "FROM quarantine q LEFT JOIN devices d ON d.device_id = q.device_id "
            "WHERE q.reviewed IS NULL ORDER BY q.received_at DESC LIMIT 200"
        )
        conflicts = tx.all(
            "SELECT id, unit, entity, record_id, field, current, displaced, created_at FROM conflicts "
            "WHERE status = 'open' ORDER BY created_at DESC LIMIT 200"
        )
        # the newest closed ones: at the centre (reviewed_device NULL) or on the unit's device
        reviewed = tx.all(
            "SELECT id, unit, entity, record_id, field, reviewed_by, reviewed_at, "
            "reviewed_device FROM conflicts WHERE status = 'reviewed' "
            f"ORDER BY reviewed_at DESC, id LIMIT {REVIEWED_SHOWN}"
        )
        record_names = field_labels.record_names(tx, conflicts)
        subjects = field_labels.conflict_subjects(tx, [*conflicts, *reviewed])
        transfers = []
        for r in tx.all(
            "SELECT item_id, unit, body, created_at FROM down_items WHERE type = 'transfer_in' "
            "ORDER BY created_at DESC LIMIT 200"
        ):
            body = json.loads(r["body"]) if r["body"] else {}
            body = body if isinstance(body, dict) else {}
            transfers.append(
                {
                    "to": label(names, r["unit"]),
                    "from": label(names, body.get("from_unit") or body.get("unit") or ""),
                    "name": (body.get("member") or {}).get("name")
                    if isinstance(body.get("member"), dict)
                    else body.get("name", ""),
                    "date": body.get("date") or localtime.local_day(r["created_at"]),
                }
            )
    for c in conflicts:  # in the words the clerk's program uses, not member.phone
        c["subject"] = subjects.get(c["id"])  # 张三（第一党支部）; None: the id is shown
        c["field_label"] = field_labels.conflict_field(c["entity"], c["field"], ctx.lang)
        named = record_names.get(c["unit"], {})
        for key in ("current", "displaced"):
            c[key] = field_labels.conflict_value(c[key], c["field"], ctx.lang, named)
    for c in reviewed:
        c["subject"] = subjects.get(c["id"])
        c["field_label"] = field_labels.conflict_field(c["entity"], c["field"], ctx.lang)
        c["where"] = _where_reviewed(ctx, c["reviewed_device"])
    for row in (*quarantined, *conflicts, *reviewed):
        row["unit"] = label(names, row["unit"])
    return {
        "quarantined": quarantined,
        "conflicts": conflicts,
        "reviewed": reviewed,
        "transfers": transfers,
    }


def _where_reviewed(ctx: Ctx, device: str | None) -> str:
    """本中心审核, or 单位设备 0196abcd-1234 (the device that sent it, as the unit page shows its id)."""
    if not device:
        return ctx.t("reviewed_at_centre")
    return ctx.t("reviewed_on_device", device=device[:13])


async def review(ctx: Ctx) -> Response:
    data = await run_in_threadpool(_review_data, ctx)
    return render(
        ctx.request,
        "review.html",
        ctx.lang,
        session=ctx.session,
        done=_known(ctx.request.query_params.get("done"), REVIEW_OUTCOMES),
        **data,
    )


async def quarantine_action(ctx: Ctx) -> Response:
    sha, action = ctx.request.path_params["sha"], ctx.request.path_params["action"]
    if not _SHA.match(sha) or action not in ("retry", "dismiss"):
        return error_page(ctx.request, 404, "not_found", ctx.session)

    def act() -> str:
        if action == "retry":
            outcome = quarantine.retry(ctx.central, sha)
            result = f"{outcome.status}:{outcome.code or ''}"
            if outcome.code == quarantine.NOT_QUARANTINED:  # not run: say what became of it
                result = _HANDLED.get(outcome.params.get("state", ""), "unknown")
        else:
            done, state = quarantine.dismiss(ctx.central, sha)
            result = "dismissed" if done else _HANDLED.get(state, "unknown")
        audit.log(
            ctx.db, f"quarantine.{action}", user=ctx.user, address=ctx.address, target=sha,
            result=result,
        )  # fmt: skip
        return result

    result = await run_in_threadpool(act)
    return _back("/review", done=result.split(":")[0])


def _mark_reviewed(ctx: Ctx, conflict_id: str) -> tuple[str, dict[str, str]]:
    """已核对: the conflict's status, who and when, the ``conflict_reviewed`` item for the
    device that received the conflict, and the 操作日志 line in one transaction; an unknown or
    already reviewed conflict changes nothing ("unknown" / "already", with who reviewed it and
    when)."""
    at = now_iso()
    with ctx.db.tx() as tx:
        n = tx.run(
            "UPDATE conflicts SET status = 'reviewed', reviewed_by = $1, reviewed_at = $2 "
            "WHERE id = $3 AND status = 'open'",
            (ctx.user, at, conflict_id),
        )
        if n == 0:  # nothing written: gone, never there, or reviewed before (maybe just now)
            row = tx.one(
                "SELECT reviewed_by, reviewed_at, reviewed_device FROM conflicts WHERE id = $1",
                (conflict_id,),
            )
            if row is None:
                return "unknown", {}
            by, at = row["reviewed_by"] or "", localtime.shown(row["reviewed_at"])
            if row["reviewed_device"]:  # the clerk's, on the unit's device: not a colleague
                return "already", {"by": ctx.t("reviewed_by_device", by=by), "at": at}
            return ("already_mine" if by == ctx.user else "already"), {"by": by, "at": at}
        queue_conflict_reviewed(tx, conflict_id, ctx.user, at)
        audit.record(tx, "conflict.review", user=ctx.user, address=ctx.address, target=conflict_id)
    return "reviewed", {}


async def conflict_reviewed(ctx: Ctx) -> Response:
    conflict_id = ctx.request.path_params["conflict_id"]
    if not _CONFLICT.match(conflict_id):
        return error_page(ctx.request, 404, "conflict_unknown", ctx.session)
    result, who = await run_in_threadpool(_mark_reviewed, ctx, conflict_id)
    if result == "unknown":
        return error_page(ctx.request, 404, "conflict_unknown", ctx.session)
    if result == "already":  # a stale page: another admin reviewed it first
        return error_page(ctx.request, 409, "conflict_handled", ctx.session, **who)
    if result == "already_mine":  # a second click, or two tabs
        return error_page(ctx.request, 409, "conflict_already_reviewed", ctx.session, **who)
    return _back("/review", done="reviewed")


# -- 下发 ---------------------------------------------------------------------------------------
RECEIPT_PUBLICATIONS = 10  # the newest publications shown with each unit's receipt


_SHOWN = 50  # publications on the page
_CHUNK = 5000


def _body(raw: Any) -> dict[str, Any]:
    """An item's body as the centre wrote it (JSON), a bare value as its title."""
    body = json.loads(raw) if raw else {}
    return body if isinstance(body, dict) else {"title": str(body)}


def _newest_items(tx: Any) -> list[dict[str, Any]]:
    """The items of the newest publications, every unit of each, their bodies read and keyed
    by publication: newest first, a chunk at a time, until a publication beyond the shown ones
    begins (a publication's items are written one after another). A fixed LIMIT cut an older
    publication's units short at 200 units."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    offset = 0
    while True:
        chunk = tx.all(
            "SELECT i.item_id, i.unit, i.type, i.body, i.created_at FROM down_items i "
            "WHERE i.type IN ('notice', 'material') ORDER BY i.created_at DESC, i.unit "
            f"LIMIT {_CHUNK} OFFSET {offset}"
        )
        for it in chunk:
            it["body"] = _body(it["body"])
            it["publication"] = str(it["body"].get("publication") or it["item_id"])
            seen.add(it["publication"])
            if len(seen) > _SHOWN:
                return out
            out.append(it)
        if len(chunk) < _CHUNK:
            return out
        offset += _CHUNK


def _publications(ctx: Ctx) -> list[dict[str, Any]]:
    with ctx.db.tx() as tx:
        names = unit_names(tx)
        items = _newest_items(tx)
        delivered = {
            r["item_id"]
            for r in tx.all(
                "SELECT DISTINCT dd.item_id FROM down_delivered dd JOIN down_items i "
                "ON i.item_id = dd.item_id WHERE i.type IN ('notice', 'material')"
            )
        }
        # 通知回执: the units' read receipts and replies (notice_reply records, keyed by unit
        # and item), sent up with the unit's next bundle
        replies = {
            (r["unit"], r["id"]): r["data"]
            for r in tx.all("SELECT unit, id, data FROM records WHERE entity = 'notice_reply'")
        }
    groups: dict[str, dict[str, Any]] = {}
    for it in items:
        body = it["body"]
        g = groups.setdefault(
            it["publication"],
            {
                "title": body.get("title", ""),
                "type": it["type"],
                "at": localtime.shown(it["created_at"]),
                "units": 0,
                "delivered": 0,
                "read": 0,
                "receipts": [],
            },
        )
        raw = replies.get((it["unit"], it["item_id"]))
        reply = json.loads(raw) if raw else None
        reply = reply if isinstance(reply, dict) else ({} if raw else None)
        g["units"] += 1
        g["delivered"] += it["item_id"] in delivered
        g["read"] += reply is not None
        g["receipts"].append(
            {
                "unit": label(names, it["unit"]),
                "delivered": it["item_id"] in delivered or reply is not None,
                "read_at": localtime.shown(str((reply or {}).get("read_at") or "")),
                "read": reply is not None,
                "feedback": str((reply or {}).get("feedback") or ""),
            }
        )
    shown = list(groups.values())[:_SHOWN]
    for g in shown:  # by unit code, as the other lists (the items come newest first)
        g["receipts"].sort(key=lambda r: r["unit"])
    return shown


def _unit_choices(ctx: Ctx) -> list[dict[str, Any]]:
    with ctx.db.tx() as tx:
        return [{"code": n.code, "name": n.name} for n in unit_names(tx).values()]


async def publish_page(ctx: Ctx) -> Response:
    units, pubs = await run_in_threadpool(lambda: (_unit_choices(ctx), _publications(ctx)))
    return render(
        ctx.request,
        "publish.html",
        ctx.lang,
        session=ctx.session,
        units=units,
        publications=pubs,
        receipt_publications=RECEIPT_PUBLICATIONS,
        done=_count(ctx.request.query_params.get("done")),
        errors={},
        form={},
    )


async def publish(ctx: Ctx) -> Response:
    form = ctx.form
    title = form.get("title", "").strip()
    text = form.get("body", "").strip()
    kind = form.get("type", "notice")
    errors: dict[str, str] = {}
    if not 1 <= len(title) <= 200:
        errors["title"] = "bad_input"
    if not 1 <= len(text) <= 20000:
        errors["body"] = "bad_input"
    if kind not in ITEM_TYPES:
        errors["type"] = "bad_input"
    units = await run_in_threadpool(_unit_choices, ctx)
    known = {u["code"] for u in units}
    raw = await ctx.request.form()
    chosen = [u for u in raw.getlist("units") if isinstance(u, str)]
    targets = sorted(known) if form.get("all") == "1" else [u for u in chosen if u in known]
    if not targets or any(u not in known for u in chosen):
        errors["units"] = "bad_input"
    if errors:
        pubs = await run_in_threadpool(_publications, ctx)
        return render(
            ctx.request, "publish.html", ctx.lang, status=422, session=ctx.session, units=units,
            publications=pubs, receipt_publications=RECEIPT_PUBLICATIONS, errors=errors,
            form=form, done=None,
        )  # fmt: skip
    publication = str(uuid.uuid4())
    issued = localtime.today().isoformat()  # the committee's date, as the clerk reads it
    body = {"title": title, "body": text, "issued_at": issued, "publication": publication}

    def act() -> None:
        for unit in targets:
            ctx.central.add_down_item(unit, kind, body)
        audit.log(
            ctx.db, "publish", user=ctx.user, address=ctx.address, target=publication,
            units=len(targets), type=kind,
        )  # fmt: skip

    await run_in_threadpool(act)
    return _back("/publish", done=str(len(targets)))


# -- 单位名称 ------------------------------------------------------------------------------------
NAME_MAX = 100  # as the enrolment form's 单位名称


def _rename(ctx: Ctx, code: str, name: str) -> bool:
    """The committee's entry of the unit's name, and the 操作日志 line, in one transaction."""
    with ctx.db.tx() as tx:
        old = unit_names(tx, code).get(code)
        if old is None:
            return False
        tx.run("UPDATE units SET name = $1 WHERE code = $2", (name, code))
        audit.record(
            tx, "unit.rename", user=ctx.user, address=ctx.address, target=code,
            old=old.entered, name=name,
        )  # fmt: skip
    return True


async def rename_unit(ctx: Ctx) -> Response:
    """更正单位名称: the committee's own entry, without an enrolment code (ztcentral.unit_names:
    it wins over the name the unit's device sent)."""
    from ztcentral.console import pages

    code = ctx.request.path_params["code"]
    name = " ".join(ctx.form.get("name", "").split())
    if not name or len(name) > NAME_MAX or any(unicodedata.category(c)[0] == "C" for c in name):
        if not _UNIT.match(code):
            return error_page(ctx.request, 404, "not_found", ctx.session)
        return await pages.unit(ctx, status=422, errors={"name": "bad_input"})
    if not _UNIT.match(code) or not await run_in_threadpool(_rename, ctx, code, name):
        return error_page(ctx.request, 404, "not_found", ctx.session)
    return _back(f"/units/{code}", done="renamed")


# -- 登记 ---------------------------------------------------------------------------------------
def _devices(ctx: Ctx) -> list[dict[str, Any]]:
    with ctx.db.tx() as tx:
        names = unit_names(tx)
        rows = tx.all(
            "SELECT device_id, unit, status, enrolled_at, last_seen FROM devices "
            "ORDER BY unit, enrolled_at"
        )
    return [{**r, "unit_label": label(names, r["unit"])} for r in rows]


async def enrol_page(ctx: Ctx) -> Response:
    devices = await run_in_threadpool(_devices, ctx)
    return render(
        ctx.request, "enrol.html", ctx.lang, session=ctx.session, devices=devices, issued=None,
        errors={}, form={}, done=_known(ctx.request.query_params.get("done"), ("revoked",)),
    )  # fmt: skip


async def enrol(ctx: Ctx, server_url: str) -> Response:
    from ztcentral.enrolment import issue_code

    unit = ctx.form.get("unit", "").strip()
    name = ctx.form.get("name", "").strip()[:100]
    if not _UNIT.match(unit):
        devices = await run_in_threadpool(_devices, ctx)
        return render(
            ctx.request, "enrol.html", ctx.lang, status=422, session=ctx.session, devices=devices,
            issued=None, errors={"unit": "bad_input"}, form=ctx.form, done=None,
        )  # fmt: skip

    def act() -> tuple[str, bytes]:
        code, file = issue_code(ctx.central, unit, server_url=server_url, name=name)
        audit.log(
            ctx.db, "enrol.code", user=ctx.user, address=ctx.address, target=unit,
            **({"name": name} if name else {}),
        )  # fmt: skip
        return code, file

    code, file = await run_in_threadpool(act)
    devices = await run_in_threadpool(_devices, ctx)
    href = "data:application/json;base64," + base64.b64encode(file).decode("ascii")
    return render(
        ctx.request, "enrol.html", ctx.lang, session=ctx.session, devices=devices,
        issued={"unit": unit, "code": code, "href": href, "filename": f"enrol-{unit}.json"},
        errors={}, form={}, done=None,
    )  # fmt: skip


async def revoke(ctx: Ctx) -> Response:
    device = ctx.request.path_params["device_id"]
    if not re.match(r"^[0-9a-zA-Z\-]{1,64}$", device):
        return error_page(ctx.request, 404, "not_found", ctx.session)

    def act() -> bool:
        ok = ctx.central.revoke(device)
        audit.log(
            ctx.db, "device.revoke", user=ctx.user, address=ctx.address, target=device,
            outcome="ok" if ok else "unknown",
        )  # fmt: skip
        return ok

    ok = await run_in_threadpool(act)
    if not ok:
        return error_page(ctx.request, 404, "not_found", ctx.session)
    return _back("/enrol", done="revoked")
