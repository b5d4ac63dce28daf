"""reports.demo_reviews: the four demo reviews past drafting reach the CSP's sign-off
through the services, each with its own register, and each passes check_publication; the
later apps' steps take three of them on (publication, monitoring, concluded)."""

from io import StringIO

import pytest
from django.core.management import call_command

from cases.demo import demo_case_keys, seed_demo
from cases.models import Case, Person
from cases.workflow import Stage
from reports.demo_reviews import REVIEWS, STEPS
from reports.models import PdfDocument, RenderedPdf
from reports.services.anonymisation import not_anonymised
from reports.services.before_sign_off import ready_for_sign_off

pytestmark = pytest.mark.django_db

REFERENCES = ["DEMO-RIV-7", "DEMO-RIV-8", "DEMO-RIV-9", "DEMO-RIV-10"]
# Where each review's steps leave it (publication.demo, monitoring.demo).
STAGES = [Stage.CSP_SIGN_OFF, Stage.PUBLICATION, Stage.MONITORING, Stage.CONCLUDED]


def test_each_review_passes_sign_off_and_its_public_pdfs_pass_check_publication():
    seed_demo()

    assert list(REVIEWS) == list(STEPS) == REFERENCES
    assert demo_case_keys()[-4:] == REFERENCES
    assert Case.objects.get(police_reference="DEMO-RIV-6").stage == Stage.DRAFTING
    for key, stage in zip(REFERENCES, STAGES, strict=True):
        case = Case.objects.get(police_reference=key)
        assert case.stage == stage, key
        # Past sign-off, its guard held when the services moved the review on; monitoring
        # may have moved an action's date since (monitoring.demo.target_passed).
        if stage == Stage.CSP_SIGN_OFF:
            assert ready_for_sign_off(case) is None, key
        assert not_anonymised(case) is None, key
        # Decided 6 to 14 months ago; the overview report agreed within six months.
        assert case.overview_report_completed_on <= case.overview_report_due_on, key
        publishable = case.rendered_pdfs.filter(
            variant=RenderedPdf.Variant.PUBLIC, publishable_at__isnull=False
        )
        assert set(publishable.values_list("document", flat=True)) == set(PdfDocument.values)
        out = StringIO()
        call_command("check_publication", case.reference, stdout=out)  # raises on a hit
        assert "Clean: no registered name or date of birth." in out.getvalue()


def test_each_review_has_its_own_register_and_seeding_again_adds_nothing():
    seed_demo()
    count = Case.objects.count()

    seed_demo()

    assert Case.objects.count() == count
    registers = {}
    for key in ["DEMO-RIV-6", *REFERENCES]:
        people = Person.objects.filter(case__police_reference=key).exclude(
            role=Person.Role.PRACTITIONER
        )
        roles = set(people.values_list("role", flat=True))
        assert {"victim", "suspect", "family", "friend"} <= roles, key
        registers[key] = {
            "names": set(people.values_list("real_name", flat=True)),
            "births": set(
                people.exclude(date_of_birth=None).values_list("date_of_birth", flat=True)
            ),
            "victim": people.get(role=Person.Role.VICTIM).pseudonym,
        }
    for key, register in registers.items():
        for other, theirs in registers.items():
            if other != key:
                assert not register["names"] & theirs["names"], (key, other)
                assert not register["births"] & theirs["births"], (key, other)
    victims = [register["victim"] for key, register in registers.items() if key != "DEMO-RIV-6"]
    assert len(set(victims)) == len(victims)
