import uuid
from datetime import date
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .roles import CaseRole
from .workflow import CLOSED_STAGES, Stage


class Partnership(models.Model):
    """A Community Safety Partnership: the body that holds the review (seed 000, module 1)."""

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(
        max_length=12,
        unique=True,
        help_text="Short upper-case code used in case references, for example BARN.",
    )
    local_authority_area = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)


class Agency(models.Model):
    """An organisation that may be asked to take part in a review."""

    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        HEALTH = "health", "Health"
        PROBATION = "probation", "Probation"
        SPECIALIST_DOMESTIC_ABUSE = "specialist_da", "Specialist domestic abuse service"
        HOUSING = "housing", "Housing"
        EDUCATION = "education", "Education"
        OTHER = "other", "Other"

    class Sector(models.TextChoices):
        STATUTORY = "statutory", "Statutory"
        VOLUNTARY = "voluntary", "Voluntary"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sector = models.CharField(max_length=10, choices=Sector.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login.

    A person works for at most one partnership or one agency; independent chairs and
    Home Office reviewers name their organisation in `other_organisation`.
    """

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    other_organisation = models.CharField(
        max_length=200, blank=True, help_text="For people outside any partnership or agency."
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Deactivate rather than delete, so the audit trail keeps the person's name.",
    )
    is_staff = models.BooleanField("administrator", default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(partnership__isnull=True) | models.Q(agency__isnull=True),
                name="user_one_organisation",
                violation_error_message="A person works for a partnership or an agency, not both.",
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()

    @property
    def organisation(self) -> str:
        return str(self.partnership or self.agency or self.other_organisation)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class PartnershipRole(models.Model):
    """A person's standing role in a partnership: its officers and its chair are members of
    every case of that partnership (granted by cases.services.grant_partnership_role)."""

    class Role(models.TextChoices):
        OFFICER = "csp_officer", "CSP officer"
        CHAIR = "csp_chair", "CSP chair"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="partnership_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    since = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user", "role"], name="partnership_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"


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
            ("commission_imr", "Commission and accept IMRs"),
            ("read_submissions", "Read submitted IMRs, the chronology and drafts"),
            ("comment", "Comment on IMRs and drafts"),
            ("write_imr", "Write the own agency's IMR"),
            ("sign_off_imr", "Sign off the own agency's IMR"),
            ("write_overview_report", "Write the overview report and action plan"),
            ("send_to_home_office", "Send to the Home Office and publish"),
            ("record_qa_outcome", "Read the submitted package and record the QA outcome"),
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


class DecisionQuerySet(models.QuerySet):
    def current(self) -> "DecisionQuerySet":
        """Decisions in force: not superseded by a reopening."""
        return self.filter(superseded_by__isnull=True)


class Decision(models.Model):
    """One decision of the CSP chair whether to hold a review (DESIGN §3.2), with its own
    date, reasons and decider, and its own letters (CaseLetter, FamilyLetterNotSent).

    A case can be decided more than once: when the Home Office overrules a decision not to
    hold a review, by letter or by a direction under s.9(2) (Reopening), the case goes back
    to the chair and this decision stays on record, superseded. At most one decision per
    case is current. Written only by cases.services.record_decision and reopen_case, which
    copy the current decision's date onto Case.decided_on in the same transaction.
    """

    class Outcome(models.TextChoices):
        REVIEW = "review", "Hold a review"
        JOINT_REVIEW = (
            "joint_review",
            "Hold a review jointly, or in coordination, with a safeguarding adults review or "
            "a child safeguarding practice review",
        )
        NO_REVIEW = "no_review", "Do not hold a review"
        OTHER_REVIEW = "other_review", "Another review leads instead of a review"

    class OtherReview(models.TextChoices):
        CHILD_SAFEGUARDING = "cspr", "Child safeguarding practice review"
        SAFEGUARDING_ADULTS = "sar", "Safeguarding adults review"
        OTHER = "other", "Another statutory review"

    # Outcomes that hold a review: the six-month report clock starts with them.
    REVIEWS = frozenset({Outcome.REVIEW, Outcome.JOINT_REVIEW})
    # A joint or coordinated review runs beside a SAR or a CSPR (seed 001 §3.3).
    JOINT_WITH = (OtherReview.SAFEGUARDING_ADULTS, OtherReview.CHILD_SAFEGUARDING)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField("decision", max_length=20, choices=Outcome.choices)
    decided_on = models.DateField("date of the decision")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(blank=True)
    single_agency_review_suggested = models.BooleanField(default=False)
    # For "another review leads": the review that leads. For a joint review: the review
    # held with this one, the body that leads the joint work and who chairs it.
    other_review = models.CharField(
        "the other review", max_length=10, choices=OtherReview.choices, blank=True
    )
    other_review_reference = models.CharField(
        "the other review's reference", max_length=100, blank=True
    )
    lead_body = models.CharField("body that leads the joint review", max_length=200, blank=True)
    joint_chair = models.CharField("chair of the joint review", max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    superseded_by = models.OneToOneField(
        "Reopening",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_decision",
        help_text="The Home Office's letter or direction that reopened the case.",
    )
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(superseded_by__isnull=True),
                name="one_current_decision_per_case",
                violation_error_message="The case already has a decision in force.",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["review", "joint_review"]) | ~models.Q(reasons=""),
                name="decision_not_to_review_has_reasons",
                violation_error_message="Give the reasons for the decision.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(outcome__in=["other_review", "joint_review"])
                    & ~models.Q(other_review="")
                )
                | (
                    ~models.Q(outcome__in=["other_review", "joint_review"])
                    & models.Q(other_review="")
                ),
                name="decision_names_the_other_review",
                violation_error_message="Name the other review for a joint review or another "
                "review leading, and only then.",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="joint_review")
                | (
                    models.Q(other_review__in=["sar", "cspr"])
                    & ~models.Q(lead_body="")
                    & ~models.Q(joint_chair="")
                ),
                name="joint_review_has_its_lead_and_chair",
                violation_error_message="A joint review names the safeguarding review it is "
                "held with, the body that leads and the joint chair.",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.case}, {self.decided_on:%d %B %Y})"

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None

    @property
    def holds_a_review(self) -> bool:
        return self.outcome in self.REVIEWS

    def letters_to_record(self) -> list[str]:
        """Recipients with no letter recorded about this decision. Reads `letters` as
        loaded (prefetch them for a list)."""
        sent = {letter.recipient for letter in self.letters.all()}
        return [recipient for recipient in CaseLetter.Recipient if recipient not in sent]

    def letters_still_to_send(self) -> list[str]:
        """Recipients this decision is still owed to: no letter recorded and, for the
        family, no reason recorded instead (FamilyLetterNotSent)."""
        owed = self.letters_to_record()
        if CaseLetter.Recipient.FAMILY in owed and self.family_letter_not_sent_record():
            owed.remove(CaseLetter.Recipient.FAMILY)
        return owed

    def family_letter_not_sent_record(self) -> "FamilyLetterNotSent | None":
        # None when there is no such record (the reverse one-to-one raises then).
        return getattr(self, "family_letter_not_sent", None)

    def clean(self):
        """What each outcome needs, said next to the field it concerns."""
        errors = {}
        if self.outcome not in self.REVIEWS and not self.reasons.strip():
            errors["reasons"] = "Give the reasons for the decision."
        if self.outcome == self.Outcome.OTHER_REVIEW and not self.other_review:
            errors["other_review"] = "Say which review leads."
        if self.outcome == self.Outcome.JOINT_REVIEW:
            if self.other_review not in self.JOINT_WITH:
                errors["other_review"] = (
                    "Say whether the review is held with a safeguarding adults review or a "
                    "child safeguarding practice review."
                )
            if not self.lead_body.strip():
                errors["lead_body"] = "Say which body leads the joint review."
            if not self.joint_chair.strip():
                errors["joint_chair"] = "Say who chairs the joint review."
        if errors:
            raise ValidationError(errors)


def home_office_copy_upload_path(reopening, filename):
    # Stored under a random name; the original name is kept for display only.
    return f"home-office/{uuid.uuid4().hex}.pdf"


class Reopening(models.Model):
    """The Home Office overrules a decision not to hold a review (seed 002 appendix 1: "Home
    Office may over-rule a decision and require a DHR"; seed 004 l.21), by a letter or by a
    direction of the Secretary of State under s.9(2) of the 2004 Act. The case goes back to
    the CSP chair for a new decision, due one calendar month after the letter or direction
    was received (cases.clocks.decision_clocks); the overruled decision stays on record,
    superseded by this one, with its letters."""

    class Kind(models.TextChoices):
        LETTER = "letter", "A letter from the Home Office advising a review"
        DIRECTION = (
            "direction",
            "A direction to hold a review, under section 9(2) of the Domestic Violence, "
            "Crime and Victims Act 2004",
        )

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reopenings")
    kind = models.CharField("what the Home Office sent", max_length=10, choices=Kind.choices)
    received_on = models.DateField("date received")
    summary = models.TextField("what it says")
    copy = models.FileField(upload_to=home_office_copy_upload_path, blank=True)
    copy_name = models.CharField(max_length=200, blank=True, editable=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}, received {self.received_on:%d %B %Y} ({self.case})"


class Transfer(models.Model):
    """A case notified to the wrong partnership, passed to the lead one: where the victim
    normally lived (seed 000 l.74-76; seed 001 §4.2). The sending partnership's case closes
    as transferred, which is not a decision not to review; the receiving partnership gets a
    case of its own (its own reference and staff), opened by cases.services.transfer_case
    with the notification and the people register, and linked back here."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="transfer")
    to_partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", verbose_name="transferred to"
    )
    new_case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="transferred_from", editable=False
    )
    transferred_on = models.DateField("date transferred")
    reason = models.TextField("why the other partnership leads")
    transferred_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.case} transferred to {self.to_partnership} as {self.new_case}"


def letter_upload_path(letter, filename):
    # Stored under a random name; the original name is kept for display only.
    return f"letters/{uuid.uuid4().hex}.pdf"


class CaseLetter(models.Model):
    """A letter the partnership sent about its decision: to the Home Office or the family."""

    class Recipient(models.TextChoices):
        HOME_OFFICE = "home_office", "Home Office"
        FAMILY = "family", "Victim's family"

    class Method(models.TextChoices):
        EMAIL = "email", "E-mail"
        POST = "post", "Post"
        HAND = "hand", "By hand"

    # The case is the decision's case (cases.services.record_letter takes it from the
    # decision); kept here so the case's letters, their audit trail and their downloads
    # are found without going through its decisions.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    # A reopened case is decided again, and each decision needs its own letters.
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name="the decision the letter is about",
    )
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    sent_on = models.DateField()
    method = models.CharField(max_length=10, choices=Method.choices)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    copy = models.FileField(upload_to=letter_upload_path)
    copy_name = models.CharField(max_length=200, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient"], name="one_letter_per_decision"
            )
        ]

    def __str__(self):
        return f"Letter to the {self.get_recipient_display()} on {self.sent_on:%d %B %Y}"

    @classmethod
    def for_current_decision(cls, recipient: str) -> models.QuerySet:
        """For a subquery over cases: the case's letter to `recipient` about its current
        decision."""
        return cls.objects.filter(
            case=OuterRef("pk"), decision__superseded_by__isnull=True, recipient=recipient
        )


class FamilyLetterNotSent(models.Model):
    """Why no decision letter goes to the victim's family, recorded instead of the letter
    (DESIGN §3.2). It satisfies the letters guard and stops the family letter reminders.
    The timing of contact is decided with the police and the advocate (seed 000 l.201-202),
    so a letter may still follow a deferral; it is then recorded as usual."""

    class Reason(models.TextChoices):
        NO_FAMILY = "no_family", "There is no family to write to"
        DEFERRED_POLICE = (
            "deferred_police",
            "Contact deferred on the police's advice (the senior investigating officer)",
        )
        DEFERRED_ADVOCATE = "deferred_advocate", "Contact deferred on the family advocate's advice"
        DECLINED = "declined", "The family declined contact"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_letters_not_sent")
    # Like a letter, the record belongs to the decision it would have reported.
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        related_name="family_letter_not_sent",
        verbose_name="the decision it concerns",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    explanation = models.TextField()
    recorded_on = models.DateField("date")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "family letter not sent"
        verbose_name_plural = "family letters not sent"

    def __str__(self):
        return f"No letter to the family of {self.case}: {self.get_reason_display()}"

    @classmethod
    def for_current_decision(cls) -> models.QuerySet:
        """For a subquery over cases: the record for the case's current decision."""
        return cls.objects.filter(case=OuterRef("pk"), decision__superseded_by__isnull=True)


class ReportExtensionQuerySet(models.QuerySet):
    def home_office_not_told(self) -> "ReportExtensionQuerySet":
        """Extensions the Home Office has not been told of: each an open obligation."""
        return self.filter(home_office_told_on__isnull=True)


class ReportExtension(models.Model):
    """An agreed new date for the overview report.

    The CSP chair agrees it (seed 000 l.164: "formally agreed with the relevant CSP"; seed
    002 (10)), and "any revised timescale going beyond six months should be communicated to
    the Home Office" (seed 002 (10)). The new date must be later than the current one,
    which is already six months or more after the decision, so every extension goes beyond
    six months: each stays an open obligation until `home_office_told_on` is recorded.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    new_due_on = models.DateField("new due date")
    reason = models.TextField()
    agreed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The CSP chair who agreed it. Empty only on extensions recorded before "
        "the service named the person (see the text as recorded).",
    )
    agreed_by_as_recorded = models.CharField(
        "agreed by (as first recorded)",
        max_length=200,
        blank=True,
        editable=False,
        help_text="The free text the service used to keep before it named the CSP chair.",
    )
    agreed_on = models.DateField("date agreed")
    home_office_told_on = models.DateField("date the Home Office was told", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = ReportExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [
            models.Index(
                fields=["agreed_on"],
                condition=models.Q(home_office_told_on__isnull=True),
                name="extension_home_office_untold",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed_by__isnull=False) | ~models.Q(agreed_by_as_recorded=""),
                name="extension_agreed_by_someone",
                violation_error_message="Say which CSP chair agreed the extension.",
            ),
        ]

    def __str__(self):
        return f"Extension of {self.case} to {self.new_due_on:%d %B %Y}"

    @property
    def agreed_by_name(self) -> str:
        return str(self.agreed_by) if self.agreed_by else self.agreed_by_as_recorded


class PauseQuerySet(models.QuerySet):
    def open_on(self, on: date) -> "PauseQuerySet":
        """Pauses in force on `on`: begun, and not ended by resume_case before that day.

        The one definition of an open pause, used by the case page, the dashboard and the
        reminders. The expected end does not count: trials slip, and a pause ends only when
        someone resumes the review (on the day it resumes, it is no longer paused).
        """
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on)
        )


def paused_on(on: date) -> Exists:
    """For a queryset of cases: whether the case has a pause open on `on`."""
    return Exists(Pause.objects.open_on(on).filter(case=OuterRef("pk")))


class Pause(models.Model):
    """The review is pended, for example for criminal proceedings (seed 000 l.331, l.401).
    Orthogonal to the stage. It stops only the review's own clocks (the overview report),
    never the decision and its letters, which are due within the month whatever happens
    (seed 000 l.160; seed 002 (3)).

    Pauses never overlap: one open pause per case here, and on PostgreSQL the exclusion
    constraint `pauses_never_overlap` over the date ranges, added by a migration because
    SQLite (demo mode) cannot hold it; cases.services.pause_case checks the same first.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.TextField()
    starts_on = models.DateField("paused from")
    expected_end_on = models.DateField("expected to resume", null=True, blank=True)
    # Written only by cases.services.resume_case.
    ends_on = models.DateField("resumed on", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ends_on__isnull=True), name="one_open_pause"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="pause_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_end_on__isnull=True)
                | models.Q(expected_end_on__gte=models.F("starts_on")),
                name="pause_expected_end_after_start",
            ),
        ]

    def __str__(self):
        return f"Pause of {self.case} from {self.starts_on:%d %B %Y}"


class CaseMembership(models.Model):
    """A person's role on one case (DESIGN §5). Guardian permissions follow these rows and
    nothing else: cases.services.grant_membership and end_membership write both."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="case_memberships")
    role = models.CharField(max_length=30, choices=CaseRole.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="For senior managers and IMR authors: the agency whose IMR they work on.",
    )
    since = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when granted automatically to the partnership's officers and chair.",
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_membership_per_role",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(role="independent_chair", ended_at__isnull=True),
                name="one_active_independent_chair",
                violation_error_message="A case has one independent chair at a time.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} on {self.case}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class CaseEvent(models.Model):
    """A named event in the case's life (case.decision.recorded): who, when, why."""

    # PROTECT: the case's history outlives any attempt to delete the case.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.name} on {self.case}"


class AccessLogEntry(models.Model):
    """Append-only: who looked at restricted material or downloaded a document, and when.
    Views are not changes, so simple-history does not see them."""

    class What(models.TextChoices):
        PEOPLE_REGISTER = "people_register", "Viewed the people register"
        AUDIT_TRAIL = "audit_trail", "Viewed the audit trail"
        ACCESS_LOG = "access_log", "Viewed the access log"
        CASE_RECORD = "case_record", "Viewed the case record"
        DOCUMENT = "document", "Downloaded a document"

    # PROTECT: the access log cannot be erased by deleting its case.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_log")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "access log entries"
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.user} – {self.get_what_display()} – {self.case}"


class RefusedCaseAccess(models.Model):
    """Append-only: a signed-in person asked for a case page they may not see (or a case
    that does not exist). They were shown the same 404 either way; auditors see both here."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=64, help_text="The reference asked for.")
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when no case has that reference.",
    )
    permission = models.CharField(max_length=60, help_text="The permission the page needed.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "refused case access"
        verbose_name_plural = "refused case access"
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.user} refused {self.reference}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key permission rows for cases: faster than guardian's generic table
    and deleted with their case."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        pass


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        pass


class Reminder(models.Model):
    """One reminder of one deadline occurrence (7 days before, on the day, 2 weeks late...).

    The unique constraint makes the daily scan idempotent: running it twice, or on two
    machines, records each occurrence once. Rules live in cases.reminders.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    rule = models.CharField(max_length=40)
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the reminder is about when a rule watches several things on a case "
        "(the IMR of one agency, say); empty when the rule watches one.",
    )
    occurrence = models.CharField(
        max_length=60, help_text="Which reminder of the rule: the due date and days from it."
    )
    due_on = models.DateField()
    days_from_due = models.IntegerField(help_text="Negative before the due date.")
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "subject", "occurrence"],
                name="one_reminder_per_occurrence",
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(delivered_at__isnull=True),
                name="reminder_undelivered",
            )
        ]

    def __str__(self):
        return f"{self.case} – {self.rule} ({self.occurrence})"


class Message(models.Model):
    """A message in someone's in-app inbox: a reminder of a deadline, or a hand-off (a case
    referred to them, a role given, a decision recorded). Called messages, not
    notifications, so they are never confused with the police notification of a death."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inbox")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    reminder = models.ForeignKey(
        Reminder, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300)
    # A next step the message suggests, with its page: "record an extension", say.
    suggestion = models.CharField(max_length=300, blank=True)
    suggestion_link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "user"], name="one_message_per_reminder_and_user"
            )
        ]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="message_unread",
            ),
            models.Index(fields=["user", "-created_at"], name="message_user_newest"),
        ]

    def __str__(self):
        return f"{self.user}: {self.text}"


def new_message_id() -> str:
    return make_msgid(domain=urlsplit(settings.DHR_BASE_URL).hostname or "localhost")


class EmailDelivery(models.Model):
    """The e-mail copy of one in-app message: the outbox row. Sent at most once while the
    row is locked, retried on SMTP failure, recorded as failed (for administrators to see)
    when retries run out. Its Message-ID is fixed when the row is made, so a copy sent
    again after a crash is recognisably the same message."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="email")
    mail_message_id = models.CharField(
        "Message-ID", max_length=255, default=new_message_id, unique=True, editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "e-mail deliveries"
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(status="pending"), name="email_delivery_pending"
            )
        ]

    def __str__(self):
        return f"{self.message}: {self.get_status_display()}"
