from .home_office import AreaForFinalDevelopment, HomeOfficeSubmission, QaOutcome
from .sign_off import SignOff
from .submission import FamilyToldOfQa, PackageFile

__all__ = [
    "AreaForFinalDevelopment",
    "FamilyToldOfQa",
    "HomeOfficeSubmission",
    "PackageFile",
    "QaOutcome",
    "SignOff",
]
