"""A review at the drafting stage, with people in its register, for the reports tests."""

from unittest import mock

from cases import workflow
from cases.models import Case, Person, User
from cases.services import perform_transition
from tests.imr.imr_factories import review_at_imrs


def review_at_drafting() -> tuple[Case, User, User]:
    """A review whose chair has started drafting: (case, CSP officer, independent chair).
    The IMRs' guards are the imr tests' concern: start_drafting is held to none here."""
    case, officer, chair = review_at_imrs()
    with mock.patch.dict(workflow.ADDED_GUARDS, {"start_drafting": []}):
        case = perform_transition(
            case=Case.objects.get(pk=case.pk), name="start_drafting", by=chair
        )
    return case, officer, chair


def registered(case: Case, real_name: str, pseudonym: str, **fields) -> Person:
    """Someone in the case's register, under `pseudonym` when published."""
    fields.setdefault("role", Person.Role.FAMILY)
    return Person.objects.create(case=case, real_name=real_name, pseudonym=pseudonym, **fields)
