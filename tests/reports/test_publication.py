"""mark_publishable and check_publication: the gate reads the stored file of a ready public
rendering, records every run, and only a clean one makes the rendering publishable; the
command prints each hit and exits non-zero on any."""

from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from cases.services import CaseActionRefused
from reports.models import LeakCheck, RenderedPdf
from reports.services.anonymisation import record_decision
from reports.services.leak_gate import mark_publishable
from tests.reports.anonymisation_factories import everyone, pdf_of, rendering
from tests.reports.report_factories import registered, review_at_drafting

pytestmark = pytest.mark.django_db


def test_a_clean_public_rendering_is_made_publishable():
    case, _, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    pdf = rendering(case, chair, pdf_of(f"<p>Adult A. Chaired by {chair.full_name}.</p>"))

    check = mark_publishable(pdf, chair)

    assert check.passed
    pdf.refresh_from_db()
    assert pdf.publishable_by == chair and pdf.publishable_at is not None


def test_one_hit_refuses_and_the_check_is_kept_naming_the_page():
    case, officer, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    pdf = rendering(case, chair, pdf_of('<p>x</p><p style="break-before: page">JANE SMITH</p>'))

    check = mark_publishable(pdf, officer)

    assert check.hits == [{"term": "Jane Smith", "page": 2, "where": "text"}]
    pdf.refresh_from_db()
    assert pdf.publishable_at is None
    assert LeakCheck.objects.get(pdf=pdf).ran_by == officer


def test_a_later_hit_takes_back_publishable():
    case, _, chair = review_at_drafting()
    pdf = rendering(case, chair, pdf_of("<p>Nobody here is called Quince.</p>"))
    assert mark_publishable(pdf, chair).passed
    registered(case, "Bartholomew Quince", "Adult Q")

    assert not mark_publishable(pdf, chair).passed
    pdf.refresh_from_db()
    assert pdf.publishable_at is None


@pytest.mark.parametrize(
    "fields, refusal",
    [
        ({"variant": RenderedPdf.Variant.RESTRICTED}, "Only a public"),
        ({"status": RenderedPdf.Status.RENDERING}, "not ready"),
    ],
)
def test_only_a_ready_public_rendering(fields, refusal):
    case, _, chair = review_at_drafting()
    pdf = rendering(case, chair, pdf_of("<p>Adult A</p>"), **fields)
    with pytest.raises(CaseActionRefused, match=refusal):
        mark_publishable(pdf, chair)


@pytest.mark.parametrize(
    "role", ["panel member", "senior manager", "IMR author", "Home Office reviewer", "outsider"]
)
def test_only_the_chair_and_the_partnership_run_the_gate(role):
    case, officer, chair = review_at_drafting()
    person = everyone(case, officer, chair)[role]
    pdf = rendering(case, chair, pdf_of("<p>Adult A</p>"))
    with pytest.raises(CaseActionRefused):
        mark_publishable(pdf, person)
    assert not LeakCheck.objects.exists()


def test_only_the_chair_and_the_partnership_decide_flags():
    from reports.anonymisation import Register, anonymise

    case, officer, chair = review_at_drafting()
    people = everyone(case, officer, chair)
    [flag] = anonymise("On Acacia Avenue.", Register.for_case(case)).flags
    with pytest.raises(CaseActionRefused):
        record_decision(case=case, by=people["panel member"], flag=flag, decision="keep")
    record_decision(case=case, by=people["CSP chair"], flag=flag, decision="keep")
    changed = record_decision(
        case=case, by=chair, flag=flag, decision="replace", replacement="a street"
    )
    assert (changed.decision, changed.decided_by) == ("replace", chair)
    events = case.events.filter(name__startswith="report.anonymisation.").order_by("pk")
    assert [event.name for event in events] == [
        "report.anonymisation.decided",
        "report.anonymisation.changed",
    ]
    # The panel reads the timeline: it names the kind, never the identifier.
    assert all("Acacia" not in event.description for event in events)


# The command -----------------------------------------------------------------------------


def test_the_command_prints_each_hit_and_fails(capsys):
    case, _, chair = review_at_drafting()
    registered(case, "Zoë Griffin", "Child C")
    rendering(case, chair, pdf_of("<p>Adult A</p>"))  # an older one, not scanned
    rendering(case, chair, pdf_of("<h1>Zoe Griffin</h1>", title="About ZOË"))

    with pytest.raises(CommandError, match="hits: not publishable"):
        call_command("check_publication", case.reference)

    out = capsys.readouterr().out
    assert "Overview report: Zoë Griffin on page 1 (text)" in out
    assert "Overview report: Zoë Griffin on whole document (bookmark)" in out
    assert "Overview report: Zoë on whole document (metadata)" in out
    assert "Executive summary: no public PDF rendered" in out


def test_the_command_exits_zero_when_clean(capsys):
    case, _, chair = review_at_drafting()
    registered(case, "Zoë Griffin", "Child C")
    rendering(case, chair, pdf_of("<p>Child C</p>"))
    rendering(case, chair, pdf_of("<p>Zoe Griffin</p>"), variant=RenderedPdf.Variant.RESTRICTED)

    call_command("check_publication", case.reference)

    out = capsys.readouterr().out
    assert "Overview report: clean" in out
    assert "Clean: no registered name or date of birth." in out


def exit_code(*arguments) -> int:
    """The exit code manage.py would end with: run_from_argv turns a CommandError into
    sys.exit(1). (It closes the connections as it ends, which the test's transaction may
    not have.)"""
    from reports.management.commands.check_publication import Command

    with mock.patch("django.core.management.base.connections.close_all"):
        try:
            Command().run_from_argv(["manage.py", "check_publication", *arguments])
        except SystemExit as leaving:
            return leaving.code
    return 0


def test_the_exit_codes(capsys):
    case, _, chair = review_at_drafting()
    registered(case, "Zoë Griffin", "Child C")
    assert exit_code("DHR-NOPE-0000-000") == 1
    assert "No case has the reference DHR-NOPE-0000-000" in capsys.readouterr().err
    rendering(case, chair, pdf_of("<p>Child C</p>"))
    assert exit_code(case.reference) == 0
    rendering(case, chair, pdf_of("<p>Zoe Griffin</p>"))
    assert exit_code(case.reference) == 1


def test_the_newest_rendering_is_scanned():
    case, _, chair = review_at_drafting()
    registered(case, "Zoë Griffin", "Child C")
    rendering(case, chair, pdf_of("<p>Zoe Griffin</p>"))
    rendering(case, chair, pdf_of("<p>Child C</p>"))
    call_command("check_publication", case.reference)
