"""Writing an IMR's chronology, compiling the combined chronology and sending it, through
the services; the combined chronology's disagreements and gaps; the snapshot."""

from datetime import date, time, timedelta

import pytest

from cases import selectors as case_selectors
from cases.models import CaseEvent
from cases.roles import CaseRole
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import TRANSITIONS_BY_NAME, refusal
from imr.models import ChronologyEntry, CombinedChronology, Imr
from imr.parts import parts_of
from imr.registrations.chronology import chronology_compiled
from imr.selectors import chronology as selectors
from imr.services import chronology as services
from tests.case_factories import case_member
from tests.imr.chronology_factories import (
    before_the_panel,
    entry,
    imr_being_written,
    suspect,
    victim,
)
from tests.imr.imr_factories import on_its_page, review_at_imrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    case, officer, chair = review_at_imrs()
    police, police_manager, police_author = imr_being_written(case, chair, "Riverside Police")
    nhs, _, nhs_author = imr_being_written(case, chair, "Riverside NHS Trust")
    return {
        "case": case,
        "officer": officer,
        "chair": chair,
        "police": police,
        "police_manager": police_manager,
        "police_author": police_author,
        "nhs": nhs,
        "nhs_author": nhs_author,
    }


def rows(case, **narrowing):
    labels = selectors.person_labels(case, real_names=True)
    return list(selectors.rows_from(selectors.combined_entries(case, **narrowing), labels))


def test_the_author_records_an_entry_with_its_people_and_risk_and_its_history(review):
    case = review["case"]
    recorded = entry(
        review["police"],
        review["police_author"],
        source_reference="CAD 4411",
        people=[victim(case), suspect(case)],
        dash_level=ChronologyEntry.DashLevel.HIGH,
        referred_to_marac=True,
        author_comment="Referral made the same day.",
    )
    assert recorded.when == "14 March 2025, 23:40"
    assert {p.role for p in recorded.people.all()} == {"victim", "suspect"}
    assert {r.history_user for r in recorded.history.all()} == {review["police_author"]}
    assert recorded.marac == "Referred"


def test_a_month_only_date_is_kept_as_the_month_and_takes_no_time(review):
    month = entry(
        review["police"],
        review["police_author"],
        occurred_on=date(2025, 3, 14),
        precision=ChronologyEntry.Precision.MONTH,
        occurred_at=None,
    )
    assert month.occurred_on == date(2025, 3, 1)
    assert month.when == "March 2025"
    with pytest.raises(CaseActionRefused) as refused:
        entry(
            review["police"],
            review["police_author"],
            precision=ChronologyEntry.Precision.APPROXIMATE,
            occurred_at=time(9, 0),
        )
    assert refused.value.field == "occurred_at"


def test_a_future_date_and_a_person_of_another_case_are_refused_next_to_their_field(review):
    with pytest.raises(CaseActionRefused) as refused:
        entry(
            review["police"],
            review["police_author"],
            occurred_on=date.today() + timedelta(days=1),
        )
    assert refused.value.field == "occurred_on"
    other_case, _, _ = review_at_imrs()
    with pytest.raises(CaseActionRefused) as refused:
        entry(review["police"], review["police_author"], people=[victim(other_case)])
    assert refused.value.field == "people"


def test_only_the_imrs_own_agency_writes_and_only_while_the_imr_is_editable(review):
    for stranger in (review["nhs_author"], review["chair"], review["officer"]):
        with pytest.raises(CaseActionRefused):
            entry(review["police"], stranger)
    recorded = entry(review["police"], review["police_manager"])
    before_the_panel(review["police"])
    with pytest.raises(CaseActionRefused, match="cannot be changed now"):
        entry(review["police"], review["police_author"])
    with pytest.raises(CaseActionRefused, match="cannot be changed now"):
        services.delete_chronology_entry(entry=recorded, by=review["police_author"])


def test_the_author_changes_and_deletes_an_entry_and_history_keeps_both(review):
    case = review["case"]
    recorded = entry(review["police"], review["police_author"])
    services.change_chronology_entry(
        entry=recorded,
        by=review["police_author"],
        what_happened="Corrected: officers attended twice.",
        people=[victim(case)],
    )
    recorded.refresh_from_db()
    assert recorded.what_happened == "Corrected: officers attended twice."
    assert list(recorded.people.all()) == [victim(case)]
    services.delete_chronology_entry(entry=recorded, by=review["police_author"])
    assert not ChronologyEntry.objects.exists()
    kinds = list(
        ChronologyEntry.history.order_by("history_id").values_list("history_type", flat=True)
    )
    # A save and a change of people each leave a record.
    assert (kinds[0], set(kinds[1:-1]), kinds[-1]) == ("+", {"~"}, "-")
    deleted = ChronologyEntry.history.get(history_type="-")
    assert deleted.what_happened == "Corrected: officers attended twice."


def test_the_combined_chronology_holds_only_entries_of_imrs_before_the_panel_in_date_order(
    review,
):
    entry(review["police"], review["police_author"], occurred_on=date(2025, 5, 1))
    entry(review["nhs"], review["nhs_author"], occurred_on=date(2025, 2, 1))
    assert rows(review["case"]) == []
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    combined = rows(review["case"])
    assert [(row.agency, row.occurred_on) for row in combined] == [
        ("Riverside NHS Trust", date(2025, 2, 1)),
        ("Riverside Police", date(2025, 5, 1)),
    ]


def test_filters_by_agency_person_and_period(review):
    case = review["case"]
    entry(review["police"], review["police_author"], occurred_on=date(2025, 1, 10))
    entry(
        review["police"],
        review["police_author"],
        occurred_on=date(2025, 6, 10),
        people=[suspect(case)],
    )
    entry(review["nhs"], review["nhs_author"], occurred_on=date(2025, 6, 12), people=[victim(case)])
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    assert len(rows(case, agency_id=review["nhs"].agency_id)) == 1
    assert [row.people for row in rows(case, person_id=suspect(case).pk)] == [["John Roe"]]
    in_june = rows(case, start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert [row.occurred_on for row in in_june] == [date(2025, 6, 10), date(2025, 6, 12)]


def test_same_day_entries_about_the_same_person_with_different_risk_disagree(review):
    case = review["case"]
    police_entry = entry(
        review["police"],
        review["police_author"],
        people=[victim(case), suspect(case)],
        dash_level="high",
        referred_to_marac=True,
    )
    entry(review["nhs"], review["nhs_author"], people=[victim(case)], dash_level="standard")
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    timeline = selectors.timeline(rows(case), [])
    assert len(timeline.same_days) == 1
    group = timeline.same_days[0]
    assert group.disagree and group.day == police_entry.occurred_on
    assert {row.agency for row in group.rows} == {"Riverside Police", "Riverside NHS Trust"}
    police_row = next(row for row in timeline.rows if row.agency == "Riverside Police")
    assert police_row.disagrees_with == ["Riverside NHS Trust"]
    assert timeline.disagreements == 1


def test_same_day_entries_that_agree_are_side_by_side_but_not_flagged(review):
    case = review["case"]
    entry(review["police"], review["police_author"], people=[victim(case)], dash_level="high")
    entry(review["nhs"], review["nhs_author"], people=[victim(case)], dash_level="high")
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    timeline = selectors.timeline(rows(case), [])
    assert [group.disagree for group in timeline.same_days] == [False]
    assert timeline.disagreements == 0


def test_no_comparison_without_a_shared_person_an_exact_day_or_a_second_agency(review):
    case = review["case"]
    # Different people on the same day; the same agency twice; an approximate date.
    entry(review["police"], review["police_author"], people=[suspect(case)], dash_level="high")
    entry(review["police"], review["police_author"], people=[victim(case)], dash_level="high")
    entry(
        review["nhs"],
        review["nhs_author"],
        people=[victim(case)],
        dash_level="standard",
        precision=ChronologyEntry.Precision.APPROXIMATE,
        occurred_at=None,
    )
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    assert selectors.timeline(rows(case), []).same_days == []


def test_gaps_in_contact_are_the_silences_of_every_agency_longer_than_the_setting(review, settings):
    settings.DHR_CHRONOLOGY_GAP_DAYS = 30
    case = review["case"]
    entry(review["police"], review["police_author"], occurred_on=date(2025, 1, 1))
    entry(review["nhs"], review["nhs_author"], occurred_on=date(2025, 1, 20))
    entry(review["police"], review["police_author"], occurred_on=date(2025, 4, 1))
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    gaps = selectors.gaps_in_contact(case)
    assert [(gap.after, gap.before, gap.days) for gap in gaps] == [
        (date(2025, 1, 20), date(2025, 4, 1), 71)
    ]
    # Narrowed to one agency, the page still shows the silence of all of them.
    timeline = selectors.timeline(rows(case, agency_id=review["police"].agency_id), gaps)
    assert [bool(gap) for _, gap in timeline.items] == [False, True, False]
    assert selectors.gaps_in_contact(case, start=date(2025, 2, 1)) == []


def test_compiling_is_the_chairs_recorded_act_and_start_drafting_needs_it(review):
    case, chair = review["case"], review["chair"]
    start_drafting = TRANSITIONS_BY_NAME["start_drafting"]
    assert chronology_compiled(case) is not None
    with pytest.raises(CaseActionRefused, match="nothing to compile"):
        services.compile_combined_chronology(case=case, by=chair)
    entry(review["police"], review["police_author"])
    before_the_panel(review["police"])
    for not_the_chair in (review["officer"], case_member(case, CaseRole.PANEL_MEMBER)):
        with pytest.raises(CaseActionRefused, match="Only the independent chair"):
            services.compile_combined_chronology(case=case, by=not_the_chair)
    compiled = services.compile_combined_chronology(case=case, by=chair)
    assert compiled.compiled_by == chair
    assert CaseEvent.objects.filter(case=case, name="imr.chronology.compiled").exists()
    assert chronology_compiled(case) is None
    # The guard is met; drafting still waits for the other parts' guards.
    assert refusal(start_drafting, case) != chronology_compiled(review_at_imrs()[0])
    with pytest.raises(CaseActionRefused):
        perform_transition(case=case, name="start_drafting", by=chair)


def test_sending_to_the_disclosure_officer_is_recorded_after_compiling(review):
    case, officer, chair = review["case"], review["officer"], review["chair"]
    with pytest.raises(CaseActionRefused, match="Compile"):
        services.record_sent_to_disclosure_officer(
            case=case, by=officer, sent_on=date.today(), sent_to="DC Lee Moss"
        )
    entry(review["police"], review["police_author"])
    before_the_panel(review["police"])
    services.compile_combined_chronology(case=case, by=chair)
    with pytest.raises(CaseActionRefused) as refused:
        services.record_sent_to_disclosure_officer(
            case=case, by=officer, sent_on=date.today() - timedelta(days=3), sent_to="DC Moss"
        )
    assert refused.value.field == "sent_on"
    with pytest.raises(CaseActionRefused):
        services.record_sent_to_disclosure_officer(
            case=case, by=review["police_author"], sent_on=date.today(), sent_to="DC Moss"
        )
    sent = services.record_sent_to_disclosure_officer(
        case=case, by=officer, sent_on=date.today(), sent_to="DC Lee Moss"
    )
    assert (sent.sent_to, sent.sent_recorded_by) == ("DC Lee Moss", officer)
    assert CombinedChronology.history.filter(case_id=case.pk).count() == 2


def test_the_snapshot_is_plain_data_that_later_changes_do_not_touch(review):
    case = review["case"]
    recorded = entry(
        review["police"],
        review["police_author"],
        people=[victim(case)],
        dash_level="medium",
        source_reference="Crime 55/1187",
    )
    snapshot = selectors.chronology_snapshot(review["police"])
    assert snapshot == [
        {
            "id": recorded.pk,
            "occurred_on": "2025-03-14",
            "precision": "exact",
            "occurred_at": "23:40",
            "when": "14 March 2025, 23:40",
            "source_reference": "Crime 55/1187",
            "what_happened": "Officers attended a call from a neighbour.",
            "people": [{"id": victim(case).pk, "name": "Jane Doe", "role": "victim"}],
            "dash_level": "medium",
            "referred_to_marac": False,
            "discussed_at_marac": False,
            "author_comment": "",
        }
    ]
    services.change_chronology_entry(
        entry=recorded, by=review["police_author"], what_happened="Changed.", people=[]
    )
    assert snapshot[0]["what_happened"] == "Officers attended a call from a neighbour."
    assert Imr.objects.get(pk=review["police"].pk).chronology_entries.count() == 1


def test_the_chronology_joins_the_audit_trail_the_task_list_and_the_imrs_page(review):
    case, chair = review["case"], review["chair"]
    entry(review["police"], review["police_author"])
    before_the_panel(review["police"])
    services.compile_combined_chronology(case=case, by=chair)
    whats = {record.what for record in case_selectors.audit_trail(case)}
    assert {"Chronology entry: Riverside Police", "Combined chronology"} <= whats
    row = next(
        t for t in case_selectors.task_list(on_its_page(case)) if t.label == "Combined chronology"
    )
    assert (row.status, row.url) == ("done", f"/cases/{case.reference}/chronology/")
    police = review["police"]
    assert ("Chronology", f"/cases/{case.reference}/imrs/{police.pk}/chronology/") in parts_of(
        police, lambda need: True
    )
