"""The demo's Riverside review: its IMRs' chronologies, with the disagreement between the
police and the NHS trust that the combined chronology flags."""

from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case
from imr.models import ChronologyEntry
from imr.selectors import chronology as selectors
from tests.imr.chronology_factories import before_the_panel

pytestmark = pytest.mark.django_db


def test_the_demo_review_has_chronologies_where_police_and_trust_disagree(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    case = Case.objects.get(police_reference="DEMO-RIV-3")
    written = ChronologyEntry.objects.filter(imr__case=case).count()
    assert written >= 4
    call_command("seed_demo", stdout=StringIO())
    assert ChronologyEntry.objects.filter(imr__case=case).count() == written

    police_and_trust = ["Riverside Police", "Riverside NHS Foundation Trust"]
    for imr in case.imrs.filter(agency__name__in=police_and_trust):
        before_the_panel(imr)
    labels = selectors.person_labels(case, real_names=False)
    rows = list(selectors.rows_from(selectors.combined_entries(case), labels))
    flagged = [group for group in selectors.timeline(rows, []).same_days if group.disagree]
    assert [{row.agency for row in group.rows} for group in flagged] == [set(police_and_trust)]
