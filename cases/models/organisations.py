"""Partnerships, agencies and the people who sign in."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords


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
