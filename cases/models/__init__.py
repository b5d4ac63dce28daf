"""The cases app's models, one module a subject. Import them from here: `from cases.models
import Case`."""

from .audit import AccessLogEntry, CaseEvent, RefusedCaseAccess
from .case import Case, CaseReferenceCounter, Person, StandingPanelRecommendation
from .decisions import (
    CaseLetter,
    Decision,
    DecisionQuerySet,
    FamilyLetterNotSent,
    Reopening,
    Transfer,
    home_office_copy_upload_path,
    letter_upload_path,
)
from .documents import StoredDocument
from .memberships import CaseGroupObjectPermission, CaseMembership, CaseUserObjectPermission
from .messages import EmailDelivery, Message, Reminder, new_message_id
from .organisations import Agency, Partnership, PartnershipRole, User, UserManager
from .submissions import FormSubmission
from .timing import Pause, PauseQuerySet, ReportExtension, ReportExtensionQuerySet, paused_on

__all__ = [
    "AccessLogEntry",
    "Agency",
    "Case",
    "CaseEvent",
    "CaseGroupObjectPermission",
    "CaseLetter",
    "CaseMembership",
    "CaseReferenceCounter",
    "CaseUserObjectPermission",
    "Decision",
    "DecisionQuerySet",
    "EmailDelivery",
    "FamilyLetterNotSent",
    "FormSubmission",
    "Message",
    "Partnership",
    "PartnershipRole",
    "Pause",
    "PauseQuerySet",
    "Person",
    "RefusedCaseAccess",
    "Reminder",
    "Reopening",
    "ReportExtension",
    "ReportExtensionQuerySet",
    "StandingPanelRecommendation",
    "StoredDocument",
    "Transfer",
    "User",
    "UserManager",
    "home_office_copy_upload_path",
    "letter_upload_path",
    "new_message_id",
    "paused_on",
]
