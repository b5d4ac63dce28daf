"""Reading the IMRs of a case for its pages, and the subjects of the review."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case as SqlCase
from django.db.models import IntegerField, QuerySet, Value, When

from cases import clocks
from cases.models import Case, Person, User

from ..access import imrs_listed_for
from ..models import Imr

# The people an agency searches its records for (DESIGN §5): the victim, the perpetrator,
# the children and the family, with the household; not friends or others, whom an agency
# has no reason to look up.
SUBJECT_ROLES = (
    Person.Role.VICTIM,
    Person.Role.SUSPECT,
    Person.Role.CHILD,
    Person.Role.FAMILY,
    Person.Role.HOUSEHOLD,
)


@dataclass(frozen=True)
class ImrRow:
    imr: Imr
    clock: clocks.Clock | None  # the due date's, while it runs


def due_clock(imr: Imr, *, on: date) -> clocks.Clock | None:
    """The IMR's due date as a clock (on track, due soon, overdue) while it runs."""
    if not is_running(imr):
        return None
    return clocks.Clock(f"{imr.agency} IMR", imr.due_on, None, clocks.status(imr.due_on, None, on))


def imr_rows(user: User, case: Case, *, on: date) -> list[ImrRow]:
    """The IMRs `user` sees listed on `case` (imr.access), each with its due date's clock."""
    return [ImrRow(imr, due_clock(imr, on=on)) for imr in imrs_listed_for(user, case)]


def is_running(imr: Imr) -> bool:
    return imr.status in Imr.DUE_DATE_RUNS


def subjects_of(case: Case) -> QuerySet[Person]:
    """The subjects of the review, the victim first, then the perpetrator, the children,
    the family and the household."""
    order = SqlCase(
        *(When(role=role, then=Value(index)) for index, role in enumerate(SUBJECT_ROLES)),
        output_field=IntegerField(),
    )
    return (
        case.people.filter(role__in=SUBJECT_ROLES)
        .annotate(subject_order=order)
        .order_by("subject_order", "id")
    )


def imr_detail(imr: Imr):
    """What the IMR's page shows beside the IMR: its letters, newest first, and the
    changes of its due date."""
    return (
        list(imr.letters.select_related("terms", "sent_to", "sent_by")),
        list(imr.due_date_changes.select_related("changed_by")),
    )


def may_see_subjects(permissions: frozenset[str]) -> bool:
    """The subjects' real names, dates of birth and addresses: for the agencies' staff on
    the case, who need them to find their records (DESIGN §5), and for those who read the
    people register with its real names. A panel member reads pseudonyms only there, so
    not here either."""
    return "write_imr" in permissions or "view_people_register" in permissions
