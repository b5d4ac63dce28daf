"""Forms of the family and friends record: one question set per page (DOMAIN.md 2.2)."""

from django import forms

from cases.models import Case, Person
from dhr.forms import GOVUKDateField

from ..models import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    Tribute,
)


def yes_no(label: str, **kwargs) -> forms.TypedChoiceField:
    """A yes/no question as GOV.UK radios: a lone checkbox cannot tell "no" from "not
    answered"."""
    return forms.TypedChoiceField(
        label=label,
        choices=[(True, "Yes"), (False, "No")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        **kwargs,
    )


class MemberChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "Select a person")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, member: NetworkMember) -> str:
        return f"{member.person.real_name}: {member.relationship} ({member.get_network_display()})"


class CaseFormMixin:
    """Forms that pick from the case's own register or family record."""

    member_fields: tuple[str, ...] = ("member",)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        for field in self.fields.values():
            # A radio group starts with nothing selected (the GOV.UK radios pattern), so
            # the model's blank "---------" choice is no answer to offer.
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0] != ""]
        members = case.network_members.select_related("person").order_by("network", "id")
        for name in self.member_fields:
            if name in self.fields:
                self.fields[name].queryset = members


class AdvocateForm(forms.ModelForm):
    named_on = GOVUKDateField(label="Date named")
    existing_relationship = yes_no("Did they already have a working relationship with the family?")

    class Meta:
        model = FamilyAdvocate
        fields = [
            "name",
            "organisation",
            "existing_relationship",
            "identified_with_police",
            "police_contact",
            "named_on",
        ]
        help_texts = {
            # seed 000 l.191: identify existing advocates early with the FLO and SIO.
            "identified_with_police": "Existing advocates are identified early with the "
            "police family liaison officer and senior investigating officer.",
            "police_contact": "Their name and role, if consulted.",
        }


class NetworkMemberForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Person in the register",
        empty_label="Someone not in the register yet",
    )
    new_person_name = forms.CharField(
        label="Full name of someone not in the register yet",
        required=False,
        max_length=200,
        help_text="They are added to the people register.",
    )
    new_person_role = forms.ChoiceField(
        label="Their role in the register",
        required=False,
        choices=[("", "Select a role")]
        + [
            choice
            for choice in Person.Role.choices
            # A family network member is neither of the two, nor agency staff.
            if choice[0] not in (Person.Role.VICTIM, Person.Role.SUSPECT, Person.Role.PRACTITIONER)
        ],
    )
    network = forms.ChoiceField(
        choices=NetworkMember.Network.choices, widget=forms.RadioSelect, label="Whose network?"
    )
    connection = forms.ChoiceField(
        choices=NetworkMember.Connection.choices,
        widget=forms.RadioSelect,
        label="How are they connected?",
    )
    relationship = forms.CharField(
        max_length=200,
        label="Relationship",
        help_text="For example: sister, closest friend, line manager.",
    )

    def __init__(self, *args, case: Case, may_add_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        in_record = case.network_members.values("person")
        self.fields["person"].queryset = case.people.exclude(pk__in=in_record).order_by("id")
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.real_name} ({person.get_role_display()})"
        )
        if not may_add_person:
            # The core adds to the register only for those who edit the case file.
            del self.fields["new_person_name"], self.fields["new_person_role"]
            self.fields["person"].required = True
            self.fields["person"].empty_label = None
            self.fields[
                "person"
            ].help_text = "Someone not in the register yet is added by the CSP officer first."

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("new_person_name", "").strip()
        if "new_person_name" not in self.fields:
            return cleaned
        if cleaned.get("person") and name:
            self.add_error(
                "new_person_name",
                "Leave the full name blank when you select a person in the register.",
            )
        elif not cleaned.get("person") and not name and "person" not in self.errors:
            self.add_error(
                "person", "Select a person in the register, or enter the full name of someone new."
            )
        elif name and not cleaned.get("new_person_role"):
            self.add_error("new_person_role", "Select their role in the register.")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {key: data[key] for key in ("network", "connection", "relationship")}
        if data.get("person"):
            return {**arguments, "person": data["person"]}
        new_person = {"real_name": data["new_person_name"].strip(), "role": data["new_person_role"]}
        return {**arguments, "new_person": new_person}


class InvolvementDecisionForm(CaseFormMixin, forms.ModelForm):
    member = MemberChoiceField(
        queryset=NetworkMember.objects.none(),
        required=False,
        label="Who the decision is about",
        empty_label="The whole family and friends",
    )
    decided_on = GOVUKDateField(label="Date decided")
    contact_expected_on = GOVUKDateField(
        label="Contact expected from", required=False, allow_future=True
    )
    conditional_reveals = {
        "kind": {InvolvementDecision.Kind.DELAY: ["contact_expected_on"]},
        "reason": {
            InvolvementDecision.Reason.HONOUR_BASED_ABUSE: list(
                InvolvementDecision.HONOUR_BASED_ABUSE_CHECKS
            )
        },
    }

    class Meta:
        model = InvolvementDecision
        fields = [
            "member",
            "kind",
            "reason",
            "explanation",
            "decided_on",
            "contact_expected_on",
            "expert_consulted",
            "interpreter_checks",
            "agency_member_checks",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "reason": forms.RadioSelect,
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "interpreter_checks": forms.Textarea(attrs={"rows": 3}),
            "agency_member_checks": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"kind": "What was decided?", "reason": "Why?"}
        help_texts = {
            "explanation": "Include the advice it rests on: the advocate's, the police's.",
            "expert_consulted": "For example a specialist Black and minority ethnic women's "
            "organisation, and when.",
        }


class FirstContactForm(CaseFormMixin, forms.ModelForm):
    member = MemberChoiceField(queryset=NetworkMember.objects.none(), label="Who")
    contacted_on = GOVUKDateField(label="Date of first contact")
    in_person = yes_no("Was it made in person?")
    conditional_reveals = {"in_person": {"False": ["not_in_person_reason"]}}

    class Meta:
        model = FirstContact
        fields = [
            "member",
            "contacted_on",
            "made_by",
            "in_person",
            "not_in_person_reason",
            "information_letter_delivered",
            "leaflet_delivered",
            "language",
            "interpreter",
        ]
        widgets = {"not_in_person_reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "member": {
                "unique": "The first contact with this person is already recorded. Record "
                "later contact in the contact log."
            }
        }


class ContactForm(CaseFormMixin, forms.ModelForm):
    member = MemberChoiceField(queryset=NetworkMember.objects.none(), label="Who")
    contacted_on = GOVUKDateField(label="Date")
    through_advocate = yes_no("Was it through the advocate?")

    class Meta:
        model = ContactLogEntry
        fields = [
            "member",
            "contacted_on",
            "kind",
            "method",
            "through_advocate",
            "summary",
            "publication_timeline",
            "declined",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "method": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"kind": "What kind of contact?", "method": "How?"}
        help_texts = {
            "declined": "Reasonable contact goes on even so, through the advocate.",
        }


class ContributionForm(CaseFormMixin, forms.ModelForm):
    member = MemberChoiceField(queryset=NetworkMember.objects.none(), label="Who")
    received_on = GOVUKDateField(label="Date received")

    class Meta:
        model = Contribution
        fields = ["member", "received_on", "visibility", "content", "how_it_assisted"]
        widgets = {
            "visibility": forms.RadioSelect,
            "content": forms.Textarea(attrs={"rows": 6}),
            "how_it_assisted": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            # seed 000 l.178, l.205
            "visibility": "They were told how what they say will be used and whether it will "
            "be published. A private contribution is seen only by those who read the "
            "people register.",
            "how_it_assisted": "What you will tell them of how their information helped the "
            "review, and how it may help others.",  # seed 000 l.206
        }


class PseudonymForm(CaseFormMixin, forms.Form):
    member_fields = ("chosen_by",)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), label="Whose pseudonym", empty_label=None
    )
    pseudonym = forms.CharField(max_length=100, help_text="The name to publish under.")
    chosen_by = MemberChoiceField(queryset=NetworkMember.objects.none(), label="Chosen by")
    chosen_on = GOVUKDateField(label="Date chosen")

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # The victim first: theirs is the pseudonym the family is asked for.
        self.fields["person"].queryset = case.people.order_by("id")
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.real_name} ({person.get_role_display()})"
        )


class TributeForm(CaseFormMixin, forms.ModelForm):
    member_fields = ("written_by",)
    written_by = MemberChoiceField(queryset=NetworkMember.objects.none(), label="Written by")

    class Meta:
        model = Tribute
        fields = ["text", "written_by", "agreed_for_publication"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
