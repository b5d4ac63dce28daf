"""The case record: the notification, its people register and the standing panel's
recommendation."""

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..workflow import CLOSED_STAGES, Stage
from .organisations import Agency, Partnership, User

if TYPE_CHECKING:
    from .decisions import Decision, FamilyLetterNotSent
    from .timing import Pause


class CaseReferenceCounter(models.Model):
    """The last case number issued per partnership and year (DHR-<code>-<year>-<nnn>)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="case_counter_unique")
        ]

    def __str__(self):
        return f"{self.partnership.code} {self.year}: {self.last_number}"


class Case(models.Model):
    """One homicide notified to one partnership, whether or not a review is held.

    The stage is written only by cases.services.perform_transition, following the
    declaration in cases.workflow. Due dates are stored (for indexed deadline scans) but
    computed only by cases.clocks.
    """

    class Source(models.TextChoices):
        POLICE = "police", "Police notification in writing"
        REFERRAL = "referral", "Referral from an agency or professional"

    # What the police notification or agency referral records: the notification form, a
    # correction and a transfer to the lead partnership all work on these fields.
    NOTIFICATION_FIELDS = (
        "notified_on",
        "source",
        "referring_agency",
        "referrer_name",
        "police_force",
        "police_reference",
        "date_of_death",
        "place_of_death",
        "circumstances",
        "suspected_suicide",
        "other_areas_involved",
        "known_to_adult_services",
        "other_reviews_under_way",
    )

    reference = models.CharField(max_length=40, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="cases")
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.NOTIFIED)

    # Notification (DESIGN §3.1)
    notified_on = models.DateField("date the partnership was notified")
    source = models.CharField(max_length=20, choices=Source.choices)
    referring_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referrer_name = models.CharField("referring professional", max_length=200, blank=True)
    police_force = models.CharField(max_length=200, blank=True)
    police_reference = models.CharField(max_length=100, blank=True)
    date_of_death = models.DateField()
    place_of_death = models.CharField("area where the death occurred", max_length=200)
    circumstances = models.TextField()
    suspected_suicide = models.BooleanField("suspected suicide", default=False)
    other_areas_involved = models.CharField(
        "other local authority areas involved",
        max_length=300,
        blank=True,
        help_text="Areas where agencies knew the victim, if any besides this partnership's.",
    )
    known_to_adult_services = models.BooleanField(
        "the victim or the suspect was known to mental health or adult social care services",
        default=False,
    )
    other_reviews_under_way = models.CharField(
        "other reviews already under way",
        max_length=300,
        blank=True,
        help_text="For example a safeguarding adults review, a child safeguarding practice "
        "review or a mental health homicide investigation.",
    )

    # Each decision is a row of its own (Decision). The current one's date is copied here,
    # written with it by cases.services in the same transaction, so the daily deadline scan
    # and the dashboard find the cases still waiting for a decision from this table's own
    # partial index (case_decision_due_open) rather than joining every case to its
    # decisions. Empty before the first decision and again after a reopening.
    decided_on = models.DateField("date of the current decision", null=True, blank=True)

    # Clocks (cases.clocks computes them; stored so deadline scans use an index). No form
    # offers them and the admin shows them read-only; they stay "editable" in the model's
    # sense only because simple-history diffs editable fields alone, and the audit trail
    # must show a moved deadline.
    decision_due_on = models.DateField()
    home_office_letter_due_on = models.DateField()
    family_letter_due_on = models.DateField()
    overview_report_due_on = models.DateField(null=True, blank=True)
    overview_report_completed_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on", "-id"]
        permissions = [
            ("view_case_file", "Read the case file"),
            ("edit_case_file", "Record the notification and edit the case file"),
            ("view_people_register", "Read real names, dates of birth and addresses"),
            ("view_audit_trail", "Read the case's audit trail and access log"),
            ("record_decision", "Record the decision and sign off"),
            ("manage_panel", "Manage the panel, terms of reference and meetings"),
            # The independent chair "makes the final decision on the suitability" of the
            # terms of reference (seed 000 l.323; seed 001 §4.11; seed 002 (7)).
            ("agree_terms_of_reference", "Agree the terms of reference"),
            ("commission_imr", "Commission and accept IMRs"),
            ("read_submissions", "Read submitted IMRs, the chronology and drafts"),
            ("comment", "Comment on IMRs and drafts"),
            ("write_imr", "Write the own agency's IMR"),
            ("sign_off_imr", "Sign off the own agency's IMR"),
            ("write_overview_report", "Write the overview report and action plan"),
            ("send_to_home_office", "Send to the Home Office and publish"),
            # The CSP chair concludes (seed 000 l.262; DOMAIN.md 2.9 item 4).
            ("conclude_review", "Conclude the review"),
            # Each action's lead agency reports its progress (DOMAIN.md 2.9 item 1).
            ("update_actions", "Update the own agency's actions with evidence"),
            # The Home Office reviewer reads; the CSP officer records the QA outcome from the
            # letter (DOMAIN.md 2.7 item 6).
            ("read_submitted_package", "Read the package submitted to the Home Office"),
        ]
        indexes = [
            models.Index(fields=["partnership", "stage"]),
            models.Index(
                fields=["decision_due_on"],
                condition=models.Q(decided_on__isnull=True),
                name="case_decision_due_open",
            ),
            models.Index(
                fields=["overview_report_due_on"],
                condition=models.Q(overview_report_completed_on__isnull=True),
                name="case_report_due_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_death__lte=models.F("notified_on")),
                name="case_death_before_notification",
                violation_error_message="The death must be on or before the notification.",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True)
                | models.Q(decided_on__gte=models.F("notified_on")),
                name="case_decision_after_notification",
                violation_error_message="The decision cannot come before the notification.",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"reference": self.reference})

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    def current_decision(self) -> "Decision | None":
        """The decision in force: none before the first, nor after a reopening until the
        CSP chair decides again."""
        return self.decisions.current().first()

    def decision_clock_starts_on(self) -> date:
        """When the case last came to the partnership for a decision: the notification, or
        the Home Office's letter or direction that reopened it (cases.clocks.decision_clocks)."""
        reopening = self.reopenings.order_by("-received_on", "-id").first()
        return reopening.received_on if reopening else self.notified_on

    def letters_to_record(self) -> list[str]:
        """Recipients with no letter recorded about the current decision (none before a
        decision: the letters report it, and a reopened case needs new ones)."""
        decision = self.current_decision()
        return decision.letters_to_record() if decision else []

    def letters_still_to_send(self) -> list[str]:
        """Recipients the current decision is still owed to (Decision.letters_still_to_send)."""
        decision = self.current_decision()
        return decision.letters_still_to_send() if decision else []

    def family_letter_not_sent(self) -> "FamilyLetterNotSent | None":
        """The reason recorded instead of the family letter for the current decision."""
        decision = self.current_decision()
        return decision.family_letter_not_sent_record() if decision else None

    def open_pause(self, on: date | None = None) -> "Pause | None":
        """The pause in force on `on` (today unless given): see PauseQuerySet.open_on."""
        return self.pauses.open_on(on or timezone.localdate()).first()


class Person(models.Model):
    """Someone in the case's people register. Real names, aliases, dates of birth and
    addresses are restricted (cases.view_people_register); documents use the pseudonym."""

    class Role(models.TextChoices):
        VICTIM = "victim", "Victim"
        SUSPECT = "suspect", "Suspect or perpetrator"
        CHILD = "child", "Child"
        FAMILY = "family", "Family member"
        HOUSEHOLD = "household", "Household member"
        FRIEND = "friend", "Friend"
        # Agency staff are anonymised in published reports like everyone else (seed 000
        # l.376; DOMAIN.md 2.5 item 6); only the chair and panel are named.
        PRACTITIONER = "practitioner", "Agency practitioner"
        OTHER = "other", "Other"

    class Relationship(models.TextChoices):
        CURRENT_PARTNER = "current_partner", "Intimate partner (current)"
        FORMER_PARTNER = "former_partner", "Intimate partner (former)"
        RELATIVE = "relative", "Relative"
        HOUSEHOLD = "household", "Member of the same household"
        OTHER = "other", "Other or none"

    RELATIONSHIPS_IN_SCOPE = {
        Relationship.CURRENT_PARTNER,
        Relationship.FORMER_PARTNER,
        Relationship.RELATIVE,
        Relationship.HOUSEHOLD,
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=Role.choices)
    real_name = models.CharField(max_length=200)
    aliases = models.CharField(
        max_length=300, blank=True, help_text="Other names and nicknames, separated by commas."
    )
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=50, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    address = models.TextField("address at the time of death", blank=True)
    relationship_to_victim = models.CharField(
        max_length=20, choices=Relationship.choices, blank=True
    )
    charged = models.BooleanField("charged with an offence", null=True, blank=True)
    deceased = models.BooleanField(default=False)
    date_of_death = models.DateField(
        null=True,
        blank=True,
        help_text="For a second victim who died on another day; otherwise the case's date.",
    )
    pseudonym = models.CharField(
        max_length=100, blank=True, help_text="The name to publish under, for example Adult A."
    )
    pseudonym_agreed_with_family = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "id"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.pseudonym or f"{self.get_role_display()} (pseudonym not set)"


class StandingPanelRecommendation(models.Model):
    """The standing panel's recommendation to the CSP chair (seed 002, section (2) (a)-(d))."""

    class Criteria(models.TextChoices):
        MET = "met", "Meets the criteria for a review"
        NOT_MET = "not_met", "Does not meet the criteria"
        UNCLEAR = "unclear", "Unclear – for the chair to decide"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="recommendation")
    meets_criteria = models.CharField(max_length=10, choices=Criteria.choices)
    safeguarding_boards = models.TextField(
        "safeguarding boards to involve", blank=True, help_text="Leave blank if none."
    )
    suggested_membership = models.TextField("suggested panel membership", blank=True)
    draft_terms_of_reference = models.TextField(blank=True)
    met_on = models.DateField("date the standing panel met")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"Standing panel recommendation for {self.case}"
