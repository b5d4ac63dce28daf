from .home_office import AreaForFinalDevelopment, HomeOfficeSubmission, QaOutcome
from .publishing import (
    CopySent,
    FamilyForewarning,
    MediaBriefing,
    Publication,
    PublicationDate,
    PublishedFile,
    QaLetterCheck,
    ReportCopy,
    Withholding,
)
from .sign_off import SignOff
from .submission import FamilyToldOfQa, PackageFile

__all__ = [
    "AreaForFinalDevelopment",
    "CopySent",
    "FamilyForewarning",
    "FamilyToldOfQa",
    "HomeOfficeSubmission",
    "MediaBriefing",
    "PackageFile",
    "Publication",
    "PublicationDate",
    "PublishedFile",
    "QaLetterCheck",
    "QaOutcome",
    "ReportCopy",
    "SignOff",
    "Withholding",
]
