from django import forms

from dhr.forms import GOVUKDateField

from ..models import Proceeding


def _choice(field: str, **kwargs) -> forms.ChoiceField:
    model_field = Proceeding._meta.get_field(field)
    blank = [("", "Not yet")] if model_field.blank else []
    return forms.ChoiceField(
        label=str(model_field.verbose_name).capitalize(),
        choices=[*blank, *model_field.choices],
        required=not model_field.blank,
        **kwargs,
    )


def _date(label: str, **kwargs) -> GOVUKDateField:
    return GOVUKDateField(label=label, required=False, **kwargs)


class ProceedingForm(forms.Form):
    kind = _choice("kind")
    description = forms.CharField(
        required=False,
        max_length=200,
        help_text="For example: R v Corbett, Riverside Crown Court",
    )
    lead_contact_role = _choice("lead_contact_role")
    lead_contact_name = forms.CharField(label="Lead contact's name", max_length=200)
    status = _choice("status")
    effect_on_review = _choice("effect_on_review", widget=forms.RadioSelect)
    charged_on = _date("Date charged")
    trial_listed_for = _date("Trial listed for", allow_future=True)
    verdict_on = _date("Date of verdict")
    sentenced_on = _date("Date of sentence")
    appeal_window_ends_on = _date("Appeal window ends", allow_future=True)
    inquest_opened_on = _date("Inquest opened")
    inquest_resumed_on = _date("Inquest resumed")
    inquest_concluded_on = _date("Inquest concluded")
    outcome = _choice("outcome")
    outcome_detail = forms.CharField(
        label="Outcome in detail",
        required=False,
        max_length=300,
        help_text="For example: convicted of murder",
    )
    liaised_on = _date(
        "Date of early liaison",
        help_text="When the independent chair discussed with the SIO, CPS or coroner how the "
        "review takes account of the proceeding.",
    )
    agreed_approach = forms.CharField(
        label="Approach agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentsForwardedForm(forms.Form):
    what = forms.CharField(
        label="What was forwarded",
        max_length=300,
        help_text="For example: the combined chronology, the immediate lessons log",
    )
    forwarded_on = GOVUKDateField(label="Date forwarded")
