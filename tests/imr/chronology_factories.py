"""A review at the IMRs stage with agencies' IMRs being written, and chronology entries."""

from datetime import date, time, timedelta

from cases.models import Case, Person, User
from imr.models import ChronologyEntry, Imr
from imr.services.chronology import add_chronology_entry
from imr.services.commissioning import appoint_author, commission_imr
from tests.factories import AgencyFactory, UserFactory


def imr_being_written(case: Case, chair: User, agency_name: str) -> tuple[Imr, User, User]:
    """(IMR, senior manager, author) of a new agency, the author appointed."""
    agency = AgencyFactory(name=agency_name)
    senior_manager = UserFactory(agency=agency, full_name=f"Manager of {agency_name}")
    imr = commission_imr(
        case=case,
        by=chair,
        agency=agency,
        due_on=date.today() + timedelta(weeks=6),
        senior_manager=senior_manager,
    )
    author = UserFactory(agency=agency, full_name=f"Author of {agency_name}")
    imr = appoint_author(
        imr=imr, by=senior_manager, author=author, not_involved=True, not_line_manager=True
    )
    return imr, senior_manager, author


def before_the_panel(imr: Imr) -> Imr:
    """The IMR signed off and submitted to the panel. Set directly: sign-off is another
    part's service, and its tests prove how an IMR gets there."""
    Imr.objects.filter(pk=imr.pk).update(status=Imr.Status.SUBMITTED)
    imr.refresh_from_db()
    return imr


def victim(case: Case) -> Person:
    return case.people.get(role=Person.Role.VICTIM)


def suspect(case: Case) -> Person:
    return case.people.filter(role=Person.Role.SUSPECT).first()


def entry(imr: Imr, by: User, **details) -> ChronologyEntry:
    return add_chronology_entry(
        imr=imr,
        by=by,
        occurred_on=details.pop("occurred_on", date(2025, 3, 14)),
        precision=details.pop("precision", ChronologyEntry.Precision.EXACT),
        what_happened=details.pop("what_happened", "Officers attended a call from a neighbour."),
        occurred_at=details.pop("occurred_at", time(23, 40)),
        **details,
    )
