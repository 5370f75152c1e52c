"""Deterministic record samples (seed 000 for NC TCM, seed 003 for ECM).

Order. Within a stratum, members are ordered by ``order_key(seed, member_id)`` =
``md5(f"{seed}:{member_id}")`` as lowercase hex, ties broken by ``member_id``. Postgres computes the
same order with::

    ORDER BY md5(:seed || ':' || member_id) COLLATE "C", member_id COLLATE "C"

(``COLLATE "C"`` makes text compare by code point / UTF-8 bytes, which is how Python compares ``str``.)
The same seed and frame therefore give the same sample whatever the input order.

Sizes (the tool's sampling method, :class:`~oversight_domain.tools.models.SamplingPolicy`; README
"Sampling methods"). A draw ranks each pool and keeps its first :func:`draw_keep` members; :func:`draw_size`
then says, from the pools' sizes, how many of them are reviewed now (``quotas``), held for a second stage
(``held``) and how many the method asked for (``requested``):

* ``fixed``, ``strata="single"`` (ECM): the whole frame is one pool (stratum key ``"all"``); quota
  ``per_stratum`` (8). The expansion draw (``draw=2``) takes ``expansion_size`` (8) more members,
  excluding ``already_selected`` (the members already in the sample, and excluded ones) - the first draw's
  unused reserves are drawn again like any other member.
* ``fixed``, ``strata="by_stratum"`` (NC TCM): ``per_stratum`` (10) from each population segment, the
  total capped at ``cap`` (30) by :func:`allocate_quotas`.
* ``upfront`` (NCQA 8/30): ``upfront_size`` (30) drawn; the first ``per_stratum`` (8) are reviewed and the
  rest held. The second stage reviews the held members: it draws nothing from the frame.
* ``percentage``: ``ceil(percent x pool)``, at least ``min_size``, at most ``cap`` (5% or 50).

A pool smaller than asked gives all it has: ``Selection.limited_by_frame`` says so.

Replacements. Each stratum also gets an ordered ``oversample``: the next ``policy.oversample``
members after the selected (and held) ones. A member that must be excluded is replaced by the first
oversample member of its stratum not yet used (:func:`next_replacement`), HEDIS style.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from oversight_domain.tools.models import SamplingPolicy

SINGLE_STRATUM = "all"


class FrameMember(NamedTuple):
    """One member of the sampling frame: its id and stratum (NC population segment, ECM PoF or ``""``)."""

    member_id: str
    stratum: str


@dataclass(frozen=True, slots=True)
class SampledMember:
    member_id: str
    stratum: str
    position: int
    """1-based rank in the stratum's order (after excluding ``already_selected``)."""


@dataclass(frozen=True, slots=True)
class StratumSelection:
    stratum: str
    available: int
    """Members of the stratum in the frame, after excluding ``already_selected``."""
    quota: int
    """Members allocated to the stratum (``len(selected)``); below ``per_stratum`` when the stratum is
    smaller or the cap is shared."""
    selected: tuple[SampledMember, ...]
    oversample: tuple[SampledMember, ...]
    held: tuple[SampledMember, ...] = ()
    """Drawn up front for a second stage (``upfront`` method), between ``selected`` and ``oversample``."""


@dataclass(frozen=True, slots=True)
class Selection:
    seed: str
    draw: int
    frame_size: int
    strata: tuple[StratumSelection, ...]
    requested: int = 0
    """Records the method asked this draw for (all pools), before the frame's size limits it."""

    @property
    def limited_by_frame(self) -> bool:
        """The frame had fewer members than the method asked for: every one of them is in the sample."""
        return sum(s.quota for s in self.strata) < self.requested

    @property
    def held(self) -> tuple[SampledMember, ...]:
        return tuple(m for s in self.strata for m in s.held)

    @property
    def selected(self) -> tuple[SampledMember, ...]:
        return tuple(m for s in self.strata for m in s.selected)

    @property
    def oversample(self) -> tuple[SampledMember, ...]:
        return tuple(m for s in self.strata for m in s.oversample)

    @property
    def member_ids(self) -> tuple[str, ...]:
        return tuple(m.member_id for m in self.selected)

    @property
    def quotas(self) -> dict[str, int]:
        return {s.stratum: s.quota for s in self.strata}

    def stratum(self, key: str) -> StratumSelection:
        for s in self.strata:
            if s.stratum == key:
                return s
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Eligibility:
    eligible: bool
    enrolled_count: int
    minimum: int | None
    reason: str


def order_key(seed: str, member_id: str) -> str:
    """The sort key of a member: ``md5(f"{seed}:{member_id}")`` in lowercase hex (UTF-8 bytes)."""
    return hashlib.md5(f"{seed}:{member_id}".encode()).hexdigest()


def allocate_quotas(available: Mapping[str, int], per_stratum: int, cap: int | None) -> dict[str, int]:
    """Quota per stratum: ``per_stratum`` each (or all a stratum has), total at most ``cap``.

    Allocation rule when the wanted total exceeds the cap (NC: 10 per segment, 30 per provider):
    1. each stratum wants ``min(per_stratum, available)``;
    2. the cap is shared equally: every stratum still wanting more receives
       ``floor(remaining / number of such strata)`` (never more than it wants); strata that are
       satisfied drop out and their unused share is shared again among the rest;
    3. when the remainder is smaller than the number of strata still wanting more, one more each
       goes to those strata in order of larger available frame first, then stratum name (code point
       order) - so the leftovers go to the larger segments and ties are decided by name.
    Example: available A=50, B=40, C=5, D=30, per 10, cap 30 -> A=9, B=8, C=5, D=8.
    """
    if per_stratum < 0 or (cap is not None and cap < 0):
        raise ValueError("per_stratum and cap must be >= 0")
    want = {s: max(0, min(per_stratum, n)) for s, n in available.items()}
    if cap is None or sum(want.values()) <= cap:
        return want
    quota = dict.fromkeys(want, 0)
    remaining = cap
    hungry = [s for s in want if want[s] > 0]
    while hungry and remaining > 0:
        share = remaining // len(hungry)
        if share == 0:
            for s in sorted(hungry, key=lambda k: (-available[k], k))[:remaining]:
                quota[s] += 1
            remaining = 0
            break
        for s in hungry:
            give = min(share, want[s] - quota[s])
            quota[s] += give
            remaining -= give
        hungry = [s for s in hungry if quota[s] < want[s]]
    return quota


@dataclass(frozen=True, slots=True)
class DrawSize:
    """What one draw takes from each pool, decided from the pools' sizes."""

    quotas: dict[str, int]
    """Members reviewed now, per pool."""
    held: dict[str, int]
    """Members drawn for a second stage, per pool (``upfront`` first draw only)."""
    requested: int
    """Records the method asks for (all pools), before the frame's size limits it."""

    @property
    def drawn(self) -> int:
        return sum(self.quotas.values())

    @property
    def limited_by_frame(self) -> bool:
        return self.drawn < self.requested


def _check_draw(policy: SamplingPolicy, draw: int) -> None:
    if draw not in (1, 2):
        raise ValueError("draw must be 1 (sample) or 2 (expansion)")
    if draw == 2 and not policy.has_second_stage:
        raise ValueError("this sampling policy has no expansion draw")


def draw_keep(policy: SamplingPolicy, draw: int) -> int:
    """The most members a draw can take from one pool, reserves included: how far each pool is ranked."""
    _check_draw(policy, draw)
    if draw == 2:
        # The upfront method's second stage takes its held members; it ranks nothing.
        return 0 if policy.method == "upfront" else policy.expansion_size + policy.oversample
    if policy.method == "upfront":
        return (policy.upfront_size or 0) + policy.oversample
    if policy.method == "percentage":
        return (policy.cap or 0) + policy.oversample
    return (policy.per_stratum or 0) + policy.oversample


def percentage_size(policy: SamplingPolicy, frame_size: int) -> int:
    """``ceil(percent x frame)``, at least ``min_size``, at most ``cap`` (5% of 400 = 20; of 2,000 = 50)."""
    percent = policy.percent if policy.percent is not None else Fraction(1)
    size = max(policy.min_size or 1, math.ceil(percent * frame_size))
    return min(size, policy.cap) if policy.cap is not None else size


def draw_size(policy: SamplingPolicy, draw: int, available: Mapping[str, int]) -> DrawSize:
    """What draw ``draw`` takes from pools of ``available`` members (members not yet in the sample).

    For the ``upfront`` method's second stage, ``available`` is the held members per pool: all are taken,
    and the stage asks for ``upfront_size - per_stratum`` of them.
    """
    _check_draw(policy, draw)
    pools = len(available) if policy.strata == "by_stratum" else 1
    if draw == 2:
        if policy.method == "upfront":
            wanted = (policy.upfront_size or 0) - (policy.per_stratum or 0)
            return DrawSize(dict(available), {}, wanted * pools)
        quotas = allocate_quotas(available, policy.expansion_size, None)
        return DrawSize(quotas, {}, policy.expansion_size * pools)
    if policy.method == "percentage":
        size = percentage_size(policy, sum(available.values()))
        return DrawSize(allocate_quotas(available, size, None), {}, size)
    per_stratum = policy.per_stratum or 0
    quotas = allocate_quotas(available, per_stratum, policy.cap)
    requested = per_stratum * pools if policy.cap is None else min(per_stratum * pools, policy.cap)
    if policy.method != "upfront":
        return DrawSize(quotas, {}, requested)
    upfront = allocate_quotas(available, policy.upfront_size or 0, None)
    return DrawSize(quotas, {k: upfront[k] - quotas[k] for k in quotas}, requested)


def draw_sample(
    frame: Iterable[FrameMember | tuple[str, str]],
    policy: SamplingPolicy,
    seed: str,
    draw: int = 1,
    already_selected: Collection[str] = (),
) -> Selection:
    """Draw the sample (``draw=1``) or the expansion draw (``draw=2``, needs ``policy.expansion_size``).

    ``already_selected`` member ids are left out of the order (for the expansion draw: the members in the
    sample and those excluded from it; the first draw's unused reserves may be drawn again). Raises
    ``ValueError`` for a member listed twice in the frame, an empty seed, or a draw the policy does not have
    (the ``upfront`` method's second stage draws nothing: it reviews the first draw's ``held`` members).
    """
    if not seed:
        raise ValueError("seed must not be empty")
    keep = draw_keep(policy, draw)
    if draw == 2 and policy.method == "upfront":
        raise ValueError("the upfront method's second stage reviews the held members; it draws nothing")
    excluded = frozenset(already_selected)
    single = policy.strata == "single"

    members: dict[str, list[str]] = {}
    own_stratum: dict[str, str] = {}
    frame_size = 0
    for member_id, stratum in frame:
        frame_size += 1
        if member_id in own_stratum:
            raise ValueError(f"member {member_id!r} appears twice in the frame")
        own_stratum[member_id] = stratum
        if member_id in excluded:
            continue
        key = SINGLE_STRATUM if single else stratum
        bucket = members.get(key)
        if bucket is None:
            members[key] = [member_id]
        else:
            bucket.append(member_id)

    md5 = hashlib.md5
    prefix = f"{seed}:"
    ordered: dict[str, list[tuple[str, str]]] = {}
    for key, ids in members.items():
        hashed = zip([md5((prefix + m).encode()).hexdigest() for m in ids], ids, strict=True)
        ordered[key] = heapq.nsmallest(keep, hashed)

    size = draw_size(policy, draw, {k: len(v) for k, v in members.items()})
    strata: list[StratumSelection] = []
    for key in sorted(members):
        quota, held = size.quotas[key], size.held.get(key, 0)
        chosen = [SampledMember(m, own_stratum[m], i + 1) for i, (_, m) in enumerate(ordered[key])]
        strata.append(
            StratumSelection(
                stratum=key,
                available=len(members[key]),
                quota=quota,
                selected=tuple(chosen[:quota]),
                held=tuple(chosen[quota : quota + held]),
                oversample=tuple(chosen[quota + held : quota + held + policy.oversample]),
            )
        )
    return Selection(
        seed=seed, draw=draw, frame_size=frame_size, strata=tuple(strata), requested=size.requested
    )


def next_replacement(
    selection: Selection, stratum: str, unavailable: Collection[str] = ()
) -> SampledMember | None:
    """The first oversample member of ``stratum`` not in ``unavailable`` (members already used as
    replacements or themselves excluded); ``None`` when the oversample is exhausted."""
    for member in selection.stratum(stratum).oversample:
        if member.member_id not in unavailable:
            return member
    return None


def frame_fingerprint(frame: Iterable[FrameMember | tuple[str, str]]) -> str:
    """sha256 (lowercase hex) of the frame in a canonical byte form, for the audit record.

    Each member is the line ``member_id + "\\t" + stratum + "\\n"``; the lines are sorted by code point
    (= UTF-8 byte order), concatenated and hashed as UTF-8. In SQL::

        encode(sha256(convert_to(
            coalesce(string_agg(line, '' ORDER BY line COLLATE "C"), ''), 'UTF8')), 'hex')
        -- line = member_id || E'\\t' || stratum || E'\\n'

    An empty frame hashes the empty string. Ids and strata must not contain tabs or newlines.
    """
    lines = [f"{member_id}\t{stratum}\n" for member_id, stratum in frame]
    lines.sort()
    text = "".join(lines)
    if text.count("\t") != len(lines) or text.count("\n") != len(lines):
        raise ValueError("member ids and strata must not contain tabs or newlines")
    return hashlib.sha256(text.encode()).hexdigest()


def check_ecm_eligibility(enrolled_count: int, policy: SamplingPolicy) -> Eligibility:
    """Seed 003: "Providers with 10 or more enrolled ECM members will be subject to ECM oversight"."""
    minimum = policy.eligibility_min_enrolled
    if enrolled_count < 0:
        raise ValueError("enrolled_count must be >= 0")
    if minimum is None:
        return Eligibility(True, enrolled_count, None, "the tool sets no minimum enrollment")
    if enrolled_count >= minimum:
        return Eligibility(True, enrolled_count, minimum, f"{enrolled_count} enrolled >= {minimum}")
    return Eligibility(False, enrolled_count, minimum, f"{enrolled_count} enrolled < {minimum}")
