from django.forms import BoundField
from django.forms.renderers import TemplatesSetting

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
}
DEFAULT_CLASSES = ("govuk-input", "govuk-input--error")


class GOVUKBoundField(BoundField):
    """Adds the GOV.UK class, error modifier and aria-describedby to every widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
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
