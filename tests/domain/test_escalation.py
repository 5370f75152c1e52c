"""Action plan state machine: seed 003 (PIP 90 days -> CAP 30 days with holds -> termination) and
seed 000 (technical-assistance reviews have no corrective action plan)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_domain.calendars import Calendar
from oversight_domain.escalation import (
    Accept,
    ClearDeadlines,
    DuePassed,
    EscalationConfigError,
    Event,
    InvalidTransition,
    NoticeOwed,
    OpenPip,
    PlaceHolds,
    ReleaseHolds,
    ReminderDue,
    Return,
    SetDeadline,
    Standing,
    Submit,
    Transition,
    is_technical_assistance,
    provider_standing,
    record_existing_pip,
    transition,
)
from oversight_domain.statuses import ACTION_PLAN_ACTIVE, ActionPlanStatus, ProviderStanding
from oversight_domain.tools import load_tool

ECM = load_tool("ecm-partnership").policies.escalation
TCM = load_tool("nc-tcm-monitoring").policies.escalation
CA = Calendar("US-CA")
ISSUED = date(2024, 3, 1)


def opened(today: date = ISSUED, ta: bool = False) -> Transition:
    return transition(None, OpenPip(ISSUED, ta), today, ECM, CA)


def notices(t: Transition) -> list[tuple[str, str]]:
    return [(e.kind, e.stage) for e in t.effects if isinstance(e, NoticeOwed)]


def test_seed003_pip_is_due_90_calendar_days_after_issue() -> None:
    t = opened()
    assert t.plan.status == "pip_open"
    assert t.plan.due_on == date(2024, 5, 30)
    assert notices(t) == [("action_plan_opened", "pip")]
    assert SetDeadline("action_plan_due", date(2024, 5, 30), "calendar") in t.effects
    reminders = [
        (e.offset, e.due_on)
        for e in t.effects
        if isinstance(e, SetDeadline) and e.kind == "action_plan_reminder"
    ]
    assert reminders == [(14, date(2024, 5, 16)), (7, date(2024, 5, 23)), (1, date(2024, 5, 29))]


def test_seed003_overdue_pip_becomes_a_30_day_cap_with_enrollment_and_authorization_holds() -> None:
    pip = opened().plan
    assert transition(pip, DuePassed(), date(2024, 5, 30), ECM, CA).effects == ()  # due day itself: not late
    t = transition(pip, DuePassed(), date(2024, 5, 31), ECM, CA)
    assert t.plan.status == "cap_open"
    assert t.plan.cap_opened_on == date(2024, 5, 31)
    assert t.plan.due_on == date(2024, 6, 30)
    assert t.plan.holds == ("new_enrollment", "authorizations")
    assert notices(t) == [("action_plan_overdue", "pip"), ("action_plan_opened", "cap")]
    assert PlaceHolds(("new_enrollment", "authorizations")) in t.effects
    assert SetDeadline("action_plan_due", date(2024, 6, 30), "calendar") in t.effects


def test_seed003_overdue_cap_recommends_termination() -> None:
    cap = transition(opened().plan, DuePassed(), date(2024, 5, 31), ECM, CA).plan
    t = transition(cap, DuePassed(), date(2024, 7, 1), ECM, CA)
    assert t.plan.status == "termination_recommended"
    assert t.plan.holds == ("new_enrollment", "authorizations")
    assert notices(t) == [("action_plan_overdue", "cap"), ("termination_recommended", "cap")]
    assert [e.recipients for e in t.effects if isinstance(e, NoticeOwed)][1] == ("plan_admins",)


def test_seed003_accepted_cap_releases_the_holds() -> None:
    cap = transition(opened().plan, DuePassed(), date(2024, 5, 31), ECM, CA).plan
    sub = transition(cap, Submit(date(2024, 6, 20)), date(2024, 6, 20), ECM, CA)
    assert sub.plan.status == "cap_submitted"
    # a submitted plan under review is not overdue
    assert transition(sub.plan, DuePassed(), date(2024, 7, 5), ECM, CA).effects == ()
    acc = transition(sub.plan, Accept(date(2024, 7, 5)), date(2024, 7, 5), ECM, CA)
    assert acc.plan.status == "closed" and acc.plan.holds == ()
    assert ReleaseHolds(("new_enrollment", "authorizations")) in acc.effects


def test_submit_then_accept_closes_the_pip() -> None:
    pip = opened().plan
    sub = transition(pip, Submit(date(2024, 4, 1)), date(2024, 4, 1), ECM, CA)
    assert sub.plan.status == "pip_submitted"
    assert notices(sub) == [("action_plan_submitted", "pip")]
    assert ClearDeadlines() in sub.effects
    acc = transition(sub.plan, Accept(date(2024, 4, 10)), date(2024, 4, 10), ECM, CA)
    assert acc.plan.status == "closed" and acc.plan.closed_on == date(2024, 4, 10)


def test_returned_plan_reopens_with_the_same_due_date_and_escalates_if_late() -> None:
    sub = transition(opened().plan, Submit(date(2024, 5, 20)), date(2024, 5, 20), ECM, CA).plan
    ret = transition(sub, Return(date(2024, 6, 3)), date(2024, 6, 3), ECM, CA)
    assert ret.plan.status == "pip_open" and ret.plan.due_on == date(2024, 5, 30)
    assert SetDeadline("action_plan_due", date(2024, 5, 30), "calendar") in ret.effects
    assert transition(ret.plan, DuePassed(), date(2024, 6, 3), ECM, CA).plan.status == "cap_open"


def test_seed000_technical_assistance_plan_never_becomes_a_cap() -> None:
    pip = transition(None, OpenPip(ISSUED, technical_assistance=True), ISSUED, ECM, CA).plan
    t = transition(pip, DuePassed(), date(2024, 6, 15), ECM, CA)
    assert t.plan.status == "pip_open"
    assert notices(t) == [("action_plan_overdue", "pip")]
    assert not any(isinstance(e, PlaceHolds) for e in t.effects)
    assert transition(t.plan, DuePassed(), date(2024, 9, 1), ECM, CA).effects == ()


def test_seed000_first_nc_review_is_technical_assistance() -> None:
    assert is_technical_assistance(TCM, prior_reviews_with_tool=0)
    assert not is_technical_assistance(TCM, prior_reviews_with_tool=1)
    assert not is_technical_assistance(ECM, prior_reviews_with_tool=0)
    assert is_technical_assistance(ECM, prior_reviews_with_tool=3, visit_purpose_is_ta=True)


def test_a_tool_without_pip_days_cannot_open_a_plan() -> None:
    without_clock = TCM.model_copy(update={"pip_days": None})
    with pytest.raises(EscalationConfigError):
        transition(None, OpenPip(ISSUED), ISSUED, without_clock, Calendar("US-NC"))


def test_nc_tool_opens_a_90_day_pip_by_the_architecture_defaults() -> None:
    t = transition(None, OpenPip(ISSUED), ISSUED, TCM, Calendar("US-NC"))
    assert t.plan.status == "pip_open"
    assert t.plan.due_on == ISSUED + timedelta(days=90)


def test_reminders_are_owed_once_and_only_in_their_window() -> None:
    pip = opened().plan
    assert transition(pip, ReminderDue(14), date(2024, 5, 15), ECM, CA).effects == ()  # too early
    t = transition(pip, ReminderDue(14), date(2024, 5, 16), ECM, CA)
    assert notices(t) == [("action_plan_due_soon", "pip")]
    assert transition(t.plan, ReminderDue(14), date(2024, 5, 17), ECM, CA).effects == ()
    assert transition(pip, ReminderDue(3), date(2024, 5, 28), ECM, CA).effects == ()  # not a policy offset


def test_invalid_transitions_raise() -> None:
    pip = opened().plan
    with pytest.raises(InvalidTransition):
        transition(pip, Accept(date(2024, 4, 1)), date(2024, 4, 1), ECM, CA)
    closed = transition(
        transition(pip, Submit(date(2024, 4, 1)), date(2024, 4, 1), ECM, CA).plan,
        Accept(ISSUED),
        ISSUED,
        ECM,
        CA,
    ).plan
    with pytest.raises(InvalidTransition):
        transition(closed, Submit(date(2024, 4, 2)), date(2024, 4, 2), ECM, CA)
    with pytest.raises(InvalidTransition):
        transition(None, Submit(ISSUED), ISSUED, ECM, CA)
    with pytest.raises(InvalidTransition):
        transition(None, OpenPip(date(2024, 4, 1)), ISSUED, ECM, CA)  # issued in the future
    with pytest.raises(InvalidTransition):
        transition(pip, OpenPip(date(2024, 2, 1)), ISSUED, ECM, CA)


def test_record_existing_pip_computes_due_from_the_issue_date() -> None:
    t = record_existing_pip(date(2024, 3, 1), date(2024, 4, 20), ECM, CA)
    assert t.plan.status == "pip_open" and t.plan.due_on == date(2024, 5, 30)
    # reminders already in the past are not set; this one is not past
    assert all(e.due_on >= date(2024, 4, 20) for e in t.effects if isinstance(e, SetDeadline))
    late = record_existing_pip(date(2024, 1, 2), date(2024, 4, 20), ECM, CA)
    assert late.plan.status == "cap_open"
    assert late.plan.due_on == date(2024, 5, 20)
    assert [k for k, _ in notices(late)] == [
        "action_plan_opened",
        "action_plan_overdue",
        "action_plan_opened",
    ]
    assert all(e.due_on >= date(2024, 4, 20) for e in late.effects if isinstance(e, SetDeadline))


# --------------------------------------------------------------------------- property: idempotence

events = st.one_of(
    st.builds(OpenPip, st.just(ISSUED), st.booleans()),
    st.builds(Submit, st.just(date(2024, 4, 1))),
    st.builds(Accept, st.just(date(2024, 4, 2))),
    st.builds(Return, st.just(date(2024, 4, 2))),
    st.just(DuePassed()),
    st.builds(ReminderDue, st.sampled_from([1, 7, 14, 3])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(events, st.integers(0, 40)), max_size=12), st.booleans())
def test_property_every_transition_is_idempotent(steps: list[tuple[Event, int]], ta: bool) -> None:
    plan = transition(None, OpenPip(ISSUED, ta), ISSUED, ECM, CA).plan
    today = ISSUED
    for event, advance in steps:
        today += timedelta(days=advance)
        try:
            first = transition(plan, event, today, ECM, CA)
        except InvalidTransition:
            with pytest.raises(InvalidTransition):
                transition(plan, event, today, ECM, CA)
            continue
        again = transition(first.plan, event, today, ECM, CA)
        assert again.plan == first.plan
        assert again.effects == ()
        # invariants
        p = first.plan
        if p.technical_assistance:
            assert p.stage == "pip" and p.holds == ()
        if p.status in ("cap_open", "cap_submitted", "termination_recommended"):
            assert p.holds == ("new_enrollment", "authorizations")
        plan = p


# --------------------------------------------------------------------------- TA rule and provider standing


@settings(max_examples=100, deadline=None)
@given(st.booleans(), st.integers(0, 5), st.booleans())
def test_property_seed000_technical_assistance(first_is_ta: bool, prior: int, purpose_is_ta: bool) -> None:
    policy = TCM.model_copy(update={"first_review_is_technical_assistance": first_is_ta})
    ta = is_technical_assistance(policy, prior_reviews_with_tool=prior, visit_purpose_is_ta=purpose_is_ta)
    # A TA visit always is one; otherwise only a provider's first review with a tool whose policy says so.
    assert ta == (purpose_is_ta or (first_is_ta and prior == 0))
    if ta and not purpose_is_ta:
        assert not is_technical_assistance(policy, prior_reviews_with_tool=prior + 1)


def test_standing_is_the_worst_stage_and_caps_hold_enrollments_and_authorizations() -> None:
    assert provider_standing([]) == Standing(ProviderStanding.GOOD, True, True, 0)
    pip = ("pip_submitted", ())
    cap = ("cap_open", ("new_enrollment", "authorizations"))
    assert provider_standing([pip]) == Standing(ProviderStanding.PIP, True, True, 1)
    assert provider_standing([pip, cap]) == Standing(ProviderStanding.CAP, False, False, 2)
    ended = ("termination_recommended", ("new_enrollment",))
    assert provider_standing([pip, ended, ("closed", ())]) == Standing(
        ProviderStanding.TERMINATION_RECOMMENDED, False, True, 1
    )


PLAN_STATUSES = st.sampled_from(list(ActionPlanStatus))
HOLDS = st.lists(st.sampled_from(["new_enrollment", "authorizations"]), max_size=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PLAN_STATUSES, HOLDS), max_size=6), st.tuples(PLAN_STATUSES, HOLDS))
def test_property_standing_never_improves_with_one_more_plan(
    plans: list[tuple[ActionPlanStatus, list[str]]], extra: tuple[ActionPlanStatus, list[str]]
) -> None:
    rank = list(ProviderStanding)  # good < pip < cap < termination_recommended
    before, after = provider_standing(plans), provider_standing([*plans, extra])
    assert rank.index(after.standing) >= rank.index(before.standing)
    assert after.can_enroll_members <= before.can_enroll_members
    assert after.can_submit_authorizations <= before.can_submit_authorizations
    assert after.active_plans - before.active_plans == (extra[0] in ACTION_PLAN_ACTIVE)
    # closed plans count for nothing
    assert provider_standing([*plans, (ActionPlanStatus.CLOSED, ["new_enrollment"])]) == before
