from .home_office import AreaForFinalDevelopment, HomeOfficeSubmission, QaOutcome

__all__ = ["AreaForFinalDevelopment", "HomeOfficeSubmission", "QaOutcome"]
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

__all__ += [
    "CopySent",
    "FamilyForewarning",
    "MediaBriefing",
    "Publication",
    "PublicationDate",
    "PublishedFile",
    "QaLetterCheck",
    "ReportCopy",
    "Withholding",
]
