"""演示数据: a realistic unit made with Faker's zh_CN provider, deterministic with a seed.

Organisations and members go through the journal like any edit (so a demo unit can sync its
roster). Ten years of meetings and study logs are a *seeded baseline*: written directly, with
one audit entry that records their counts, and no outbox ops (1.5 million study logs as ops
would triple the file for no one's benefit). docs/architecture.md says the same.
"""

from __future__ import annotations

import random  # demo data only: not used for anything secret
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from ztclient.domain import idnumber
from ztclient.domain.errors import DomainError
from ztclient.services.demo_development import develop
from ztclient.services.demo_meetings import year_of_branch
from ztclient.services.members import EDITABLE, MemberService
from ztclient.services.session import Session

SCALES = {
    "branch": {"general_branches": 0, "branches": 1, "members_per_branch": 45, "years": 10},
    "committee": {"general_branches": 3, "branches": 60, "members_per_branch": 50, "years": 10},
}
REGIONS = [
    "110105",
    "440305",
    "510104",
    "330106",
    "420106",
    "610113",
    "130102",
    "370102",
    "320102",
    "500103",
]
DEVELOPMENT_BRANCHES = 3  # branches that get people at every stage of 发展党员
RARE_GIVEN = [
    "𠮷",
    "𨭉",
    "䶮",
    "𬍛",
    "堃",
    "昇",
]  # Ext-B, Ext-A and uncommon BMP characters in names
EDU_WEIGHTS = [("11", 1), ("14", 6), ("21", 40), ("31", 25), ("41", 10), ("61", 10), ("71", 8)]
JOBS = ["101", "103", "104", "105", "106", "107", "201", "202", "401", "501", "601"]
ETHNIC = [("01", 92), ("03", 2), ("08", 2), ("11", 2), ("02", 1), ("06", 1)]

Progress = Callable[[str, int, int], None] | None


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _id_number(rng: random.Random, birth: date, gender: str) -> str:
    seq = rng.randrange(0, 100) * 10 + rng.choice(
        [1, 3, 5, 7, 9] if gender == "1" else [0, 2, 4, 6, 8]
    )
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{seq:03d}"
    return first17 + idnumber.check_char(first17)


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


class _Gen:
    def __init__(self, session: Session, seed: int, progress: Progress) -> None:
        from faker import Faker

        self.s = session
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.today = session.clock.today()
        self.progress = progress or (lambda stage, done, total: None)
        self.counts = {"orgs": 0, "members": 0, "meetings": 0, "study_logs": 0, "attendance": 0}

    # -- people --------------------------------------------------------------------------------
    def person(self, branch_id: str, group_id: str | None, index: int) -> dict[str, Any]:
        rng, today = self.rng, self.today
        gender = "1" if rng.random() < 0.62 else "2"
        name = self.fake.name_male() if gender == "1" else self.fake.name_female()
        if index % 97 == 13:  # a few names with rare characters (printing and search must cope)
            name = name[0] + rng.choice(RARE_GIVEN)
        age = rng.randint(22, 82)
        birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
        join_age = rng.randint(20, min(age, 45))
        join = birth + timedelta(days=join_age * 365 + rng.randint(0, 300))
        join = min(join, today - timedelta(days=30))
        full_on = _add_years(join, 1)
        category, full = ("full", full_on) if full_on <= today else ("probationary", None)
        application = join - timedelta(days=rng.randint(700, 1400))
        application = max(application, _add_years(birth, 18) + timedelta(days=10))
        activist = application + timedelta(days=rng.randint(30, 120))
        candidate = _add_years(activist, 1) + timedelta(days=rng.randint(1, 60))
        if candidate >= join:
            candidate = join - timedelta(days=rng.randint(30, 90))
            activist = min(activist, _add_years(candidate, -1) - timedelta(days=1))
            application = min(application, activist - timedelta(days=30))
        return {
            "org_id": branch_id,
            "group_id": group_id,
            "name": name,
            "gender": gender,
            "id_number": _id_number(rng, birth, gender),
            "ethnicity": _weighted(rng, ETHNIC),
            "birth_date": birth.isoformat(),
            "native_place": self.fake.province(),
            "education": _weighted(rng, EDU_WEIGHTS),
            "job": "601" if age >= 62 else rng.choice(JOBS),
            "work_unit": self.fake.company(),
            "phone": self.fake.phone_number(),
            "address": self.fake.address().split(" ")[0],
            "category": category,
            "status": "normal",
            "voting_suspended": 0,
            "application_date": application.isoformat(),
            "activist_date": activist.isoformat(),
            "candidate_date": candidate.isoformat(),
            "join_date": join.isoformat(),
            "full_member_date": full.isoformat() if full else None,
            "probation_end": _add_years(join, 1).isoformat(),
            "work_start_date": (birth + timedelta(days=22 * 365)).isoformat(),
        }

    # -- the tree ------------------------------------------------------------------------------
    def build(self, scale: str) -> dict[str, int]:
        cfg = SCALES[scale]
        root_org = self.s.store.read_one(
            "SELECT id, kind, name FROM orgs WHERE id = ?", (self.s.root_org_id,)
        )
        if root_org is None:  # demo data fills a unit that exists (init first)
            raise DomainError("E_NOT_FOUND", what="org", id=str(self.s.root_org_id))
        root: str = root_org["id"]
        parents = [root]
        for i in range(cfg["general_branches"]):
            gid, _ = self.s.orgs.add(
                {
                    "parent_id": root,
                    "kind": "general_branch",
                    "name": f"第{i + 1}党总支",
                    "code": f"Z{i + 1:02d}",
                    "unit_type": "institution",
                    "elected_on": (self.today - timedelta(days=400 + 90 * i)).isoformat(),
                    "term_years": 3,
                }
            )
            parents.append(gid)
            self.counts["orgs"] += 1
        branch_parents = parents[1:] or [root]
        # A unit that is itself a 党支部 (init --unit-kind branch) is the demo's one branch:
        # a branch cannot sit under a branch.
        own_branch = root_org["kind"] == "branch"
        members_by_branch: dict[str, list[dict[str, Any]]] = {}
        for b in range(1 if own_branch else cfg["branches"]):
            name = f"第{b + 1}党支部" if cfg["branches"] > 1 else "机关第一党支部"
            elected = self.today - timedelta(days=self.rng.randint(60, 3 * 365 - 20))
            if own_branch:
                branch_id, name = root, root_org["name"]
            else:
                branch_id, _ = self.s.orgs.add(
                    {
                        "parent_id": branch_parents[b % len(branch_parents)],
                        "kind": "branch",
                        "name": name,
                        "code": f"B{b + 1:03d}",
                        "unit_type": "institution",
                        "elected_on": elected.isoformat(),
                        "term_years": 3,
                    }
                )
            groups = []
            for g in range(2):
                gid, _ = self.s.orgs.add(
                    {"parent_id": branch_id, "kind": "group", "name": f"{name}第{g + 1}党小组"}
                )
                groups.append(gid)
            self.counts["orgs"] += 2 if own_branch else 3
            rows = [
                self.person(branch_id, groups[i % 2], b * 1000 + i)
                for i in range(cfg["members_per_branch"])
            ]
            ids, _ = self.s.members.add_many(rows, action="demo.member")
            members = [{**r, "id": i} for r, i in zip(rows, ids, strict=True)]
            members_by_branch[branch_id] = members
            self.counts["members"] += len(members)
            self.posts(branch_id, groups, members, elected)
            self.former(members)
            if b < DEVELOPMENT_BRANCHES:  # people in development, through the real rules
                self.counts["members"] += develop(
                    self.s, branch_id, members, self.rng.randrange(1 << 30)
                )
            self.progress("members", b + 1, cfg["branches"])
        self.facts(members_by_branch, cfg["years"])
        from ztclient.services import demo_org_life

        demo_org_life.generate(self.s, self.rng, self.today, members_by_branch)
        from ztclient.services.dues_demo import generate_dues  # 党费: this year's bases, payments

        self.counts.update(generate_dues(self.s, self.rng))
        return self.counts

    def posts(
        self, branch_id: str, groups: list[str], members: list[dict[str, Any]], elected: date
    ) -> None:
        # posts are held by 正式党员 on the post's first day (org-life rule): not by someone
        # who became one after the election
        since = elected.isoformat()
        full = [
            m
            for m in members
            if m["category"] == "full" and str(m.get("full_member_date") or since) <= since
        ]
        seats = ["secretary", "organisation", "publicity", "discipline", "member"]
        chosen = list(zip(seats, full, strict=False))
        # The committee comes from a 换届选举 with plausible figures (four fifths present).
        due = len(full)
        present = due - self.rng.randint(0, max(0, due // 5))
        self.s.elections.elect(
            branch_id,
            {
                "date": elected.isoformat(),
                "term_years": 3,
                "voters_due": due,
                "voters_present": present,
                "committee": [
                    {"member_id": m["id"], "post": post, "votes_for": present - i % 3}
                    for i, (post, m) in enumerate(chosen)
                ],
            },
        )
        for post, m in chosen:
            m["leader"] = True
            m["post"], m["post_since"] = post, elected.isoformat()
        for gid in groups:  # each group's leader is one of its own full members
            leader = next((m for m in full[5:] if m.get("group_id") == gid), None)
            if leader is not None:
                self.s.orgs.assign_post(gid, leader["id"], "group_leader", elected.isoformat())
                leader["post"], leader["post_since"] = "group_leader", elected.isoformat()

    def former(self, members: list[dict[str, Any]]) -> None:
        """A few members leave: transfer out, death, one mobile and one lost contact."""
        rng = self.rng
        plain = [m for m in members if m["category"] == "full" and not m.get("leader")]
        picks = rng.sample(plain, k=min(4, len(plain)))
        day = (self.today - timedelta(days=rng.randint(40, 900))).isoformat()
        kinds: list[tuple[str, dict[str, Any]]] = [
            (
                "transfer_out",
                {
                    "letter_no": f"{rng.randint(1, 999):03d}",
                    "to_org": "中共某县委组织部",
                    "dues_paid_to": day[:7],
                    "valid_days": 30,
                },
            ),
            ("deceased", {}),
            ("mobile_out", {"destination": "广东省深圳市", "reason": "外出务工"}),
            ("lost_contact", {"reason": "1"}),
        ]
        for m, (kind, details) in zip(picks, kinds, strict=False):
            try:
                self.s.members.record_event(m["id"], kind, day, details)
                # From that day the member is no longer due (a mobile member still is).
                m["left"] = day if kind in ("transfer_out", "deceased", "lost_contact") else None
                if kind == "mobile_out":
                    m["mobile_since"] = day
            except Exception:  # a rule refused this combination: the demo simply skips it
                continue

    # -- ten years of meetings and study logs (seeded baseline) -------------------------------
    def facts(self, members_by_branch: dict[str, list[dict[str, Any]]], years: int) -> None:
        store = self.s.store
        first_year = self.today.year - years + 1
        total = len(members_by_branch)
        for done, (branch_id, members) in enumerate(members_by_branch.items(), start=1):
            groups = [
                r["id"]
                for r in store.read(
                    "SELECT id FROM orgs WHERE parent_id = ? AND kind = 'group'", (branch_id,)
                )
            ]
            leaders = [m for m in members if m.get("leader")]
            with store.transaction() as tx:
                for year in range(first_year, self.today.year + 1):
                    year_of_branch(
                        tx,
                        self.rng,
                        self.today,
                        self.counts,
                        branch_id,
                        groups,
                        members,
                        leaders,
                        year,
                    )
            self.progress("meetings", done, total)
        with store.transaction() as tx:
            self.s.journal.audit(tx, "demo.seed", "unit", dict(self.counts))


def generate(
    session: Session, scale: str = "branch", seed: int = 1, progress: Progress = None
) -> dict[str, int]:
    """Fill an empty unit with demo data. Deterministic for a given seed and date."""
    if scale not in SCALES:
        raise ValueError(scale)
    return _Gen(session, seed, progress).build(scale)


__all__ = ["EDITABLE", "SCALES", "MemberService", "generate"]
