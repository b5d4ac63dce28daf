from django import forms

from dhr.forms import GOVUKDateField

from ..models import CHECKLIST, Proceeding, TermsOfReferenceVersion


def _text(label: str, rows: int = 2, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class TermsOfReferenceForm(forms.Form):
    """A new version of the terms: the scope, each checklist item answered or marked not
    applicable, how the review takes account of each parallel proceeding, and the leads.
    A draft may leave items open; agreeing refuses until none is (panels.services.terms)."""

    scope = forms.CharField(
        label="Scope and purpose of the review",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the scope and purpose of the review."},
    )
    family_liaison_lead = forms.CharField(
        label="Family liaison lead",
        required=False,
        max_length=200,
        help_text="The person who keeps in touch with the family and debriefs them.",
    )
    media_lead = forms.CharField(label="Media lead", required=False, max_length=200)

    def __init__(
        self,
        *args,
        current: TermsOfReferenceVersion | None,
        proceedings: list[Proceeding],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.proceedings = proceedings
        for item in CHECKLIST:
            self.fields[f"answer_{item.key}"] = _text("Answer", 3)
            self.fields[f"not_applicable_{item.key}"] = forms.CharField(
                label="Or why it does not apply", required=False, max_length=500
            )
        for proceeding in proceedings:
            self.fields[f"proceeding_{proceeding.pk}"] = _text(
                f"How the review takes account of: {proceeding}", 3
            )
        if current is not None:
            self.initial = {
                "scope": current.scope,
                "family_liaison_lead": current.family_liaison_lead,
                "media_lead": current.media_lead,
                **{f"answer_{i.key}": current.answer(i) for i in CHECKLIST},
                **{f"not_applicable_{i.key}": current.not_applicable(i) for i in CHECKLIST},
                **{f"proceeding_{p.pk}": current.addresses(p) for p in proceedings},
            }

    def checklist_fields(self):
        return [
            (item, self[f"answer_{item.key}"], self[f"not_applicable_{item.key}"])
            for item in CHECKLIST
        ]

    def proceeding_fields(self):
        return [self[f"proceeding_{p.pk}"] for p in self.proceedings]

    def clean(self):
        data = super().clean()
        for item in CHECKLIST:
            if data.get(f"answer_{item.key}") and data.get(f"not_applicable_{item.key}"):
                self.add_error(
                    f"not_applicable_{item.key}",
                    f"{item.text}: answer it or say why it does not apply, not both.",
                )
        return data

    def version_details(self) -> dict:
        """The cleaned data as draft_terms_of_reference takes it."""
        data = self.cleaned_data
        checklist = {}
        for item in CHECKLIST:
            entry = {
                "answer": data[f"answer_{item.key}"].strip(),
                "not_applicable": data[f"not_applicable_{item.key}"].strip(),
            }
            if entry := {name: text for name, text in entry.items() if text}:
                checklist[item.key] = entry
        return {
            "scope": data["scope"],
            "family_liaison_lead": data["family_liaison_lead"].strip(),
            "media_lead": data["media_lead"].strip(),
            "checklist": checklist,
            "proceedings_addressed": {
                str(p.pk): text
                for p in self.proceedings
                if (text := data[f"proceeding_{p.pk}"].strip())
            },
        }


class AgreeTermsForm(forms.Form):
    agreed_on = GOVUKDateField(label="Date agreed")


class SharedWithFamilyForm(forms.Form):
    shared_on = GOVUKDateField(label="Date shared with the family")
    family_comments = _text(
        "The family's comments",
        4,
        help_text="What the family said about the terms of reference, if anything yet.",
    )


class CompareForm(forms.Form):
    """Which two versions to compare (GET)."""

    older = forms.TypedChoiceField(label="Compare version", coerce=int)
    newer = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        self.fields["older"].choices = self.fields["newer"].choices = choices
