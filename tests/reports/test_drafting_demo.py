"""reports.demo.drafted_report: the register's hard names, two documents versioned, a
second version of the overview report and a comment thread; run twice, made once."""

import pytest

from cases.models import Person
from reports.demo import drafted_report
from reports.models import ReportComment, ReportVersion
from tests.reports.drafting_factories import OVERVIEW, SUMMARY
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db


def test_the_demo_drafts_with_real_names_and_is_made_once():
    case, _, chair = review_at_drafting()
    drafted_report(case, chair)
    drafted_report(case, chair)

    names = set(case.people.values_list("real_name", flat=True))
    assert {"Zoë Brontë-Fávero", "Tomás Okafor-Reyes", "Kieran Doyle"} <= names
    assert Person.objects.get(real_name="Tomás Okafor-Reyes").aliases == "Tom Reyes, T.O."
    numbers = sorted(ReportVersion.objects.values_list("document", "number"))
    assert numbers == [(SUMMARY, 1), (OVERVIEW, 1), (OVERVIEW, 2)]
    latest = ReportVersion.objects.get(document=OVERVIEW, number=2)
    text = " ".join(latest.sections.values())
    assert "Zoë's account" in text and "Okafor-Reyes" in text and "Kieran Doyle's" in text
    assert latest.note
    thread = ReportComment.objects.get(reply_to=None)
    assert thread.version == latest and thread.replies.count() == 1
