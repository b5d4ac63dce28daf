"""A review at the IMRs stage with two agencies' IMRs, each with its senior manager and
author, and the steps that take an IMR through writing, sign-off and the panel's review,
built through imr.services the way the pages build them."""

from dataclasses import dataclass

from cases.models import Agency, Case, User
from cases.roles import CaseRole
from cases.workflow import Stage
from imr.models import SECTION_KEYS, Imr
from imr.services import sections as services
from imr.services.commissioning import appoint_author, commission_imr
from tests.case_factories import (
    case_member,
    case_with_letters_sent,
    chair_of,
    days_ago,
    outsider,
    partnership_with_staff,
)
from tests.factories import AgencyFactory, UserFactory
from tests.panels.panel_factories import agreed_terms

TEXTS = {key: f"What the agency found: {key.replace('_', ' ')}." for key in SECTION_KEYS}


def recommendation(**overrides) -> dict:
    details = {
        "what": "Supervisors review the history of every repeat call.",
        "owner": "Head of public protection",
        "target_on": days_ago(-90),
        "measure": "A monthly audit finds the review recorded.",
    }
    return details | overrides


@dataclass
class Review:
    case: Case
    imr: Imr
    other_imr: Imr
    people: dict[str, User]

    @property
    def chair(self) -> User:
        return self.people["Independent chair"]

    @property
    def author(self) -> User:
        return self.people["IMR author"]

    @property
    def senior_manager(self) -> User:
        return self.people["Senior manager"]

    @property
    def panel_member(self) -> User:
        return self.people["Panel member"]


def _imr(case: Case, chair: User, name: str) -> tuple[Imr, User, User]:
    agency = AgencyFactory(name=name, kind=Agency.Kind.POLICE)
    senior_manager = UserFactory(full_name=f"{name} manager", agency=agency)
    imr = commission_imr(
        case=case, by=chair, agency=agency, due_on=days_ago(-42), senior_manager=senior_manager
    )
    author = UserFactory(full_name=f"{name} author", agency=agency)
    imr = appoint_author(
        imr=imr, by=senior_manager, author=author, not_involved=True, not_line_manager=True
    )
    return imr, senior_manager, author


def review_with_imrs() -> Review:
    """Two agencies' IMRs being written, and a person in every role on the case."""
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer, full_name="Imogen Chair")
    # Setting the panel up is the panels app's, tested there; the IMRs start from its end.
    Case.objects.filter(pk=case.pk).update(stage=Stage.IMRS)
    case.refresh_from_db()
    agreed_terms(case, chair)  # the commissioning letters carry them
    imr, senior_manager, author = _imr(case, chair, "Riverside Police")
    other_imr, other_manager, other_author = _imr(case, chair, "Riverside Trust")
    people = {
        "CSP officer": officer,
        "CSP chair": chair_of(partnership),
        "Independent chair": chair,
        "Panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair, full_name="Priya Panel"),
        "Senior manager": senior_manager,
        "IMR author": author,
        "Another agency's senior manager": other_manager,
        "Another agency's IMR author": other_author,
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "Outsider": outsider(),
    }
    return Review(case, imr, other_imr, people)


def fresh(imr: Imr) -> Imr:
    return Imr.objects.select_related("case", "agency", "author", "senior_manager").get(pk=imr.pk)


def written(review: Review) -> Imr:
    services.save_sections(imr=review.imr, by=review.author, texts=TEXTS)
    services.add_recommendation(imr=review.imr, by=review.author, **recommendation())
    return fresh(review.imr)


def awaiting_sign_off(review: Review) -> Imr:
    written(review)
    services.send_for_sign_off(imr=review.imr, by=review.author)
    return fresh(review.imr)


def submitted(review: Review) -> Imr:
    awaiting_sign_off(review)
    services.sign_off(imr=review.imr, by=review.senior_manager)
    return fresh(review.imr)


def submitted_twice(review: Review) -> Imr:
    """Revised at the chair's request and signed off again: two versions."""
    submitted(review)
    return revised(review)


def revised(review: Review) -> Imr:
    """A submitted IMR revised at the chair's request and signed off again."""
    services.request_revision(imr=review.imr, by=review.chair, reasons="Say more.")
    services.save_sections(
        imr=review.imr,
        by=review.author,
        texts=TEXTS | {"good_practice": TEXTS["good_practice"] + "\nAnd a second finding."},
    )
    services.send_for_sign_off(imr=review.imr, by=review.author)
    services.sign_off(imr=review.imr, by=review.senior_manager)
    return fresh(review.imr)
