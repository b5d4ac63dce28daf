import re
from datetime import date, datetime, time

from django import forms
from django.utils import timezone

HOURS_AND_MINUTES = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


class TimeOfDayField(forms.Field):
    """A time of day on the 24-hour clock, as GOV.UK asks for it: 14:30."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"})

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "On the 24-hour clock, for example 14:30.")
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = HOURS_AND_MINUTES.fullmatch(value)
        if not match:
            raise forms.ValidationError(
                f"{self.label} must be a time on the 24-hour clock, like 14:30."
            )
        return time(int(match[1]), int(match[2]))


def local_datetime(day: date, at: time) -> datetime:
    """The moment `at` on `day` in the service's time zone (Europe/London)."""
    return timezone.make_aware(datetime.combine(day, at))
