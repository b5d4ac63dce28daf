"""Who holds which role on a case, and the guardian permission rows that follow."""

from django.db import models
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from ..roles import CaseRole
from .case import Case
from .organisations import Agency, User


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
