"""The demo steps of publication.demo, on factory-made reviews: each made through the
services, each leaving the review where the next starts."""

import pytest

from cases.clocks import today
from cases.demo import DemoContext
from cases.workflow import Stage
from publication import demo
from publication.models import QaOutcome
from tests.factories import UserFactory
from tests.publication.home_office_factories import review_at_sign_off

pytestmark = pytest.mark.django_db


def _ctx() -> DemoContext:
    reviewer = UserFactory(email=demo.HOME_OFFICE_REVIEWER, other_organisation="Home Office")
    return DemoContext(
        on=today(), partnerships={}, agencies={}, users={demo.HOME_OFFICE_REVIEWER: reviewer}
    )


def test_signed_off_then_sent_then_cleared_subject_to_changes_then_all_done():
    case, _ = review_at_sign_off()
    ctx = _ctx()

    case = demo.signed_off(ctx, case)
    assert case.sign_offs.get().recorded_by == case.partnership.roles.get(role="csp_chair").user
    case = demo.sent_to_home_office(ctx, case)
    assert case.stage == Stage.HOME_OFFICE_QA
    assert case.submissions.get().files.count() == 4
    # The Home Office's reviewer reads the package from its submission on.
    assert (
        case.memberships.get(user__email=demo.HOME_OFFICE_REVIEWER).role == "home_office_reviewer"
    )
    case = demo.cleared_subject_to_changes(ctx, case)
    assert case.stage == Stage.PUBLICATION
    outcome = QaOutcome.objects.get()
    assert [bool(a.done_on) for a in outcome.areas.all()] == [True, False]
    assert outcome.family_told
    case = demo.all_areas_done(ctx, case)
    assert not outcome.areas.filter(done_on__isnull=True).exists()


def test_cleared():
    case, _ = review_at_sign_off()
    ctx = _ctx()
    case = demo.cleared(ctx, demo.sent_to_home_office(ctx, demo.signed_off(ctx, case)))
    assert case.stage == Stage.PUBLICATION
    assert QaOutcome.objects.get().outcome == QaOutcome.Outcome.CLEARED
    assert not QaOutcome.objects.get().areas.exists()
