"""The demo's publication steps, each on a factory-made review at publication."""

import pytest

from cases.workflow import Stage
from publication import demo_publishing
from publication.services import copies, publishing
from tests.publication.publishing_factories import review_at_publication

pytestmark = pytest.mark.django_db


class Context:
    """The one thing the steps ask of the demo's context: the partnership's officer."""

    def __init__(self, officer):
        self._officer = officer

    def officer(self, code):
        return self._officer


def test_a_date_near_the_anniversary_is_agreed_with_its_warning_and_not_published():
    case, officer, _ = review_at_publication()

    case = demo_publishing.publication_date_near_anniversary(Context(officer), case)

    assert case.stage == Stage.PUBLICATION
    agreed = publishing.agreed_date(case)
    assert (
        "after the anniversary of the death" in publishing.date_warnings(case, agreed.publish_on)[0]
    )
    assert case.family_forewarnings.exists()


def test_published_records_every_copy_but_the_library_link_and_the_commissioners():
    case, officer, _ = review_at_publication()

    case = demo_publishing.published(Context(officer), case)

    assert case.stage == Stage.MONITORING and case.publication.files.count() == 3
    outstanding = [o.kind for o in copies.copies(case) if o.sent is None]
    assert outstanding == ["library_link"]
    assert all(o.sent for o in copies.report_copies(case))


def test_withheld_moves_on_with_the_commissioners_copy_owed():
    case, officer, _ = review_at_publication()

    case = demo_publishing.withheld(Context(officer), case)

    assert case.stage == Stage.MONITORING and case.withholding.decided_by
    assert [o.sent for o in copies.report_copies(case)] == [None]
