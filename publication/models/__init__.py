from .home_office import AreaForFinalDevelopment, HomeOfficeSubmission, QaOutcome

__all__ = ["AreaForFinalDevelopment", "HomeOfficeSubmission", "QaOutcome"]
