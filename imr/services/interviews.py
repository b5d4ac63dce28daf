"""Staff interview records (DOMAIN.md 2.4 item 6), with the SIO/CPS gate for a witness in
criminal proceedings (DOMAIN 2.3 item 4)."""

from datetime import date

from django.db import transaction

from cases.clocks import today
from cases.services import CaseActionRefused, record_event
from panels.models import Proceeding

from ..access import Need, may
from ..models import Imr, StaffInterview
from .writing import locked_for_writing


def criminal_proceedings_of(imr: Imr):
    """The case's criminal proceedings, in which an interviewee may be a witness."""
    return imr.case.proceedings.filter(
        kind__in=[Proceeding.Kind.CRIMINAL_INVESTIGATION, Proceeding.Kind.PROSECUTION]
    ).order_by("recorded_at", "id")


def interviews_of(imr: Imr):
    return imr.interviews.select_related("witness_in")


@transaction.atomic
def record_interview(
    *,
    imr: Imr,
    by,
    job_title: str,
    interviewed_on: date,
    record: str,
    shared_on: date,
    reminded_not_disciplinary: bool,
    policies_not_followed: bool = False,
    witness_in: Proceeding | None = None,
    sio_advised_on: date | None = None,
    sio_advice: str = "",
    cps_advised_on: date | None = None,
    cps_advice: str = "",
) -> StaffInterview:
    """The author records an interview with a member of the agency's staff, once the
    written record has been shared with them."""
    imr = locked_for_writing(imr, by=by)
    if not reminded_not_disciplinary:
        raise CaseActionRefused(
            "Confirm that the member of staff was reminded that the review is not a "
            "disciplinary process.",
            field="reminded_not_disciplinary",
        )
    if interviewed_on > today():
        raise CaseActionRefused(
            "The date of the interview must be today or in the past.", field="interviewed_on"
        )
    if shared_on > today():
        raise CaseActionRefused(
            "The date the record was shared must be today or in the past.", field="shared_on"
        )
    if shared_on < interviewed_on:
        raise CaseActionRefused(
            "The record cannot be shared before the interview took place.", field="shared_on"
        )
    if witness_in is not None:
        _check_witness_advice(
            imr,
            witness_in=witness_in,
            interviewed_on=interviewed_on,
            sio=(sio_advised_on, sio_advice.strip()),
            cps=(cps_advised_on, cps_advice.strip()),
        )
    else:
        sio_advised_on = cps_advised_on = None
        sio_advice = cps_advice = ""
    interview = StaffInterview(
        imr=imr,
        job_title=job_title.strip(),
        interviewed_on=interviewed_on,
        record=record.strip(),
        shared_on=shared_on,
        reminded_not_disciplinary=True,
        policies_not_followed=policies_not_followed,
        witness_in=witness_in,
        sio_advised_on=sio_advised_on,
        sio_advice=sio_advice.strip(),
        cps_advised_on=cps_advised_on,
        cps_advice=cps_advice.strip(),
        recorded_by=by,
    )
    interview._history_user = by
    interview.full_clean()
    interview.save()
    record_event(
        case=imr.case,
        name="imr.interview.recorded",
        description=f"Staff interview recorded for {imr.agency}'s IMR",
        actor=by,
    )
    return interview


def _check_witness_advice(imr: Imr, *, witness_in, interviewed_on, sio, cps) -> None:
    """The SIO's views and the CPS's advice are sought before a witness in criminal
    proceedings is interviewed (seed 001 §4.19; seed 002 (9)(f)): both recorded, in full,
    dated on or before the interview."""
    if not criminal_proceedings_of(imr).filter(pk=witness_in.pk).exists():
        raise CaseActionRefused(
            "Choose one of this review's criminal proceedings.", field="witness_in"
        )
    for (advised_on, advice), who, sought, prefix in (
        (sio, "the SIO's views", "were sought", "sio"),
        (cps, "the CPS's advice", "was sought", "cps"),
    ):
        if advised_on is None:
            raise CaseActionRefused(
                f"A witness in {witness_in} is interviewed only after {who} {sought}: "
                f"enter the date of {who}.",
                field=f"{prefix}_advised_on",
            )
        if not advice:
            raise CaseActionRefused(
                f"Record {who} before recording a witness's interview.",
                field=f"{prefix}_advice",
            )
        if advised_on > interviewed_on:
            raise CaseActionRefused(
                f"A witness is interviewed only after {who} {sought}: the date of {who} is "
                "after the interview.",
                field=f"{prefix}_advised_on",
            )


def may_add_interview(user, imr: Imr) -> bool:
    return imr.is_editable and may(user, imr, Need.WRITE)
