import copy
import re
from datetime import date

from django import forms
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

# GOV.UK Frontend class for each Django widget type, and its error modifier.
WIDGET_CLASSES = {
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "nullbooleanselect": ("govuk-select", "govuk-select--error"),
    "radioselect": ("govuk-radios__input", ""),
    "checkbox": ("govuk-checkboxes__input", ""),
    "checkboxselectmultiple": ("govuk-checkboxes__input", ""),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "clearablefile": ("govuk-file-upload", "govuk-file-upload--error"),
    "govukdate": ("", "govuk-input--error"),
}
DEFAULT_CLASSES = ("govuk-input", "govuk-input--error")


# Widgets a person chooses from, so a missing answer reads "Select ...", not "Enter ...".
CHOICE_WIDGETS = {
    "select",
    "nullbooleanselect",
    "radioselect",
    "checkboxselectmultiple",
    "checkbox",
}


class GOVUKBoundField(BoundField):
    """Adds the GOV.UK class, error modifier and aria-describedby to every widget, and says
    which answer is missing instead of Django's "This field is required."."""

    @property
    def errors(self):
        errors = super().errors
        generic = forms.Field.default_error_messages["required"]
        if not any(error == generic for error in errors):
            return errors
        verb = "Select" if self.widget_type in CHOICE_WIDGETS else "Enter"
        label = str(self.label or self.name)
        specific = f"{verb} {label[0].lower()}{label[1:]}."
        messages = [specific if error == generic else error for error in errors]
        errors = copy.copy(errors)
        errors.data = messages
        return errors

    @property
    def has_reveals(self) -> bool:
        """Radios whose choices reveal further fields: a form's `conditional_reveals`,
        {field: {value: [field names]}} (the GOV.UK conditional reveal)."""
        return self.name in getattr(self.form, "conditional_reveals", {})

    @property
    def is_revealed(self) -> bool:
        """A field shown inside a radio's conditional reveal, not on its own."""
        reveals = getattr(self.form, "conditional_reveals", {}).values()
        return any(self.name in names for choices in reveals for names in choices.values())

    @property
    def reveals(self) -> list[tuple]:
        """Each radio with the bound fields its choice reveals."""
        revealed = getattr(self.form, "conditional_reveals", {}).get(self.name, {})
        return [
            (radio, [self.form[name] for name in revealed.get(str(radio.data["value"]), [])])
            for radio in self
        ]

    @property
    def summary_anchor(self) -> str:
        """Where the error summary's link lands: the field's input, or a radio group's first
        radio (Django gives radio groups no label target)."""
        return self.id_for_label or (f"{self.auto_id}_0" if self.auto_id else "")

    @property
    def id_for_label(self):
        # A group of radios or checkboxes has no label of its own (its legend names it):
        # the error summary links to its first option, as the GOV.UK pattern asks.
        if isinstance(self.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{self.auto_id}_0" if self.auto_id else ""
        return super().id_for_label

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        base, error = WIDGET_CLASSES.get(self.widget_type, DEFAULT_CLASSES)
        classes = [base, attrs.get("class", "")]
        if self.errors and error:
            classes.append(error)
        attrs["class"] = " ".join(c for c in classes if c)
        if not widget.use_fieldset and self.auto_id:
            described_by = []
            if self.help_text:
                described_by.append(f"{self.auto_id}_helptext")
            if self.errors:
                described_by.append(f"{self.auto_id}_error")
            if described_by:
                attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class GOVUKFormRenderer(TemplatesSetting):
    """Render every form with GOV.UK Design System markup: labels, hints, inline errors
    and an error summary that links to each field. No view writes its own error markup."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GOVUKBoundField


class GOVUKDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes in a fieldset."""

    template_name = "forms/widgets/govuk_date_input.html"
    use_fieldset = True
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput() for part in self.parts}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        # Django numbers the boxes' ids (_0, _1, _2); name them like their inputs instead,
        # so the error summary's link to the day box lands on it.
        context = super().get_context(name, value, attrs)
        if id_ := context["widget"]["attrs"].get("id"):
            for part, box in zip(self.parts, context["widget"]["subwidgets"], strict=True):
                box["attrs"]["id"] = f"{id_}_{part}"
        return context

    def id_for_label(self, id_):
        # The error summary links to the day box, as the GOV.UK pattern asks.
        return f"{id_}_day" if id_ else ""

    def value_from_datadict(self, data, files, name):
        return tuple((data.get(f"{name}_{part}") or "").strip() for part in self.parts)


DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
YEAR = re.compile(r"[0-9]{4}")
# No date this service records (a birth, a death, a letter) is older than this.
EARLIEST_YEAR = 1900


class GOVUKDateField(forms.Field):
    """A calendar date entered as day, month and year, with the GOV.UK error messages."""

    widget = GOVUKDateInput

    def __init__(self, *, allow_future=False, **kwargs):
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date) or value in self.empty_values:
            return value or None
        day, month, year = value
        if not (day or month or year):
            return None
        label = self.label or "The date"
        missing = [part for part, text in zip(GOVUKDateInput.parts, value, strict=True) if not text]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}.")
        # ASCII digits only: int() would also take "+202", " 7" or other scripts' digits.
        if not (DAY_OR_MONTH.fullmatch(day) and DAY_OR_MONTH.fullmatch(month)):
            raise forms.ValidationError(f"{label} must be a real date.")
        if not YEAR.fullmatch(year):
            raise forms.ValidationError(f"{label} must have a four-digit year, like 2026.")
        if int(year) < EARLIEST_YEAR:
            raise forms.ValidationError(f"{label} must be in {EARLIEST_YEAR} or later.")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date.") from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(
                f"Enter {(self.label or 'the date')[0].lower()}{(self.label or 'the date')[1:]}.",
                code="required",
            )
        if value and not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(f"{self.label or 'The date'} must be today or in the past.")


def submitted(request):
    """The posted data for a form, even when empty: a form sent blank must be told what is
    missing, not shown again as if never sent (`request.POST or None` does that)."""
    return request.POST if request.method == "POST" else None


def submitted_files(request):
    return request.FILES if request.method == "POST" else None
