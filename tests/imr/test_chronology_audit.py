"""The people of a chronology entry in the case's audit trail: a many-to-many field, whose
history keeps its through table's rows (the crawl found the audit page answering 500)."""

import pytest
from django.urls import reverse

from cases.selectors import audit_trail, with_change_labels
from imr.services.chronology import change_chronology_entry
from tests.imr.chronology_factories import entry, imr_being_written, suspect, victim
from tests.imr.imr_factories import review_at_imrs

pytestmark = pytest.mark.django_db


def test_a_change_to_an_entrys_people_is_put_into_words_by_name():
    case, _officer, chair = review_at_imrs()
    imr, _manager, author = imr_being_written(case, chair, "Riverside Police")
    recorded = entry(imr, author, people=[victim(case)])
    change_chronology_entry(entry=recorded, by=author, people=[victim(case), suspect(case)])

    changes = [
        change
        for audit_entry in with_change_labels(audit_trail(case))
        for change in audit_entry.changes
        if change.field == "People involved"
    ]

    assert changes, "the change to the people is in the audit trail"
    assert changes[0].new == f"{victim(case)}, {suspect(case)}"


def test_the_audit_page_shows_a_change_to_an_entrys_people(client):
    case, officer, chair = review_at_imrs()
    imr, _manager, author = imr_being_written(case, chair, "Riverside Police")
    recorded = entry(imr, author, people=[victim(case)])
    change_chronology_entry(entry=recorded, by=author, people=[suspect(case)])
    client.force_login(officer)

    response = client.get(reverse("cases:audit", args=[case.reference]))

    assert response.status_code == 200
