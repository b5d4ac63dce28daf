"""Prompts from the statutory definition of a review, shown to inform the CSP chair.

The definition is s.9 of the Domestic Violence, Crime and Victims Act 2004, as quoted in
seed 001 §2 and seed 002 policy A. Prompts inform; the chair decides.
"""

from dataclasses import dataclass

from .models import Case, Person


@dataclass(frozen=True)
class Prompt:
    text: str
    concern: bool  # True when the prompt points away from holding a review as a DHR


def age_on(born, on) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def eligibility_prompts(case: Case, people: list[Person]) -> list[Prompt]:
    victims = [person for person in people if person.role == Person.Role.VICTIM]
    suspects = [person for person in people if person.role == Person.Role.SUSPECT]
    children = [person for person in people if person.role == Person.Role.CHILD]
    prompts = [_age_prompt(case, victim, len(victims) > 1) for victim in victims or [None]]
    return [
        prompt
        for prompt in (
            *prompts,
            _relationship_prompt(suspects),
            _suicide_prompt(case),
            _parent_prompt(children),
            _adult_services_prompt(case),
            _other_reviews_prompt(case),
            _lead_partnership_prompt(case),
        )
        if prompt
    ]


def _age_prompt(case: Case, victim: Person | None, several: bool) -> Prompt:
    # With several victims (a double homicide, seed 001 §3.3) each is named by pseudonym.
    who = f"The victim {victim.pseudonym}".rstrip() if several and victim else "The victim"
    if victim is None or victim.date_of_birth is None:
        return Prompt(f"{who}'s age is not recorded: a review needs them to be 16 or over.", True)
    age = age_on(victim.date_of_birth, victim.date_of_death or case.date_of_death)
    if age < 16:
        return Prompt(f"{who} was {age}: under 16, so not a domestic homicide review.", True)
    if age < 18:
        return Prompt(
            f"{who} was {age}: a child safeguarding practice review takes precedence, with "
            "the domestic abuse elements addressed in full.",  # seed 002 policy A
            True,
        )
    return Prompt(f"{who} was {age}: aged 16 or over.", False)


def _parent_prompt(children: list[Person]) -> Prompt | None:
    if not children:
        return None
    return Prompt(
        "Children are recorded: where the victim was a parent, consider a child safeguarding "
        "practice review as well, coordinated with this one.",  # seed 001 §3.4
        False,
    )


def _adult_services_prompt(case: Case) -> Prompt | None:
    if not case.known_to_adult_services:
        return None
    return Prompt(
        "The victim or the suspect was known to mental health or adult social care: agree "
        "with the safeguarding adults board at the outset which review leads and who chairs, "
        "with the final report going to both.",  # seed 001 §3.3
        False,
    )


def _other_reviews_prompt(case: Case) -> Prompt | None:
    if not case.other_reviews_under_way:
        return None
    return Prompt(
        f"Other reviews are under way ({case.other_reviews_under_way}): consider whether one "
        "leads, or a joint or coordinated review.",  # seed 001 §3.3-3.5, seed 000 l.319
        False,
    )


def _relationship_prompt(suspects: list[Person]) -> Prompt:
    in_scope = [s for s in suspects if s.relationship_to_victim in Person.RELATIONSHIPS_IN_SCOPE]
    if in_scope:
        relationship = in_scope[0].get_relationship_to_victim_display().lower()
        return Prompt(
            f"A suspect is recorded as: {relationship}. The relationship test is met.", False
        )
    return Prompt(
        "No suspect is recorded as a relative, an intimate partner (now or before) or a member "
        "of the same household: the relationship test may not be met.",
        True,
    )


def _suicide_prompt(case: Case) -> Prompt | None:
    if not case.suspected_suicide:
        return None
    return Prompt(
        "Suspected suicide: where there are concerns of domestic abuse, for example coercive "
        "control, a review should be held even if no one is charged.",  # seed 002 policy A
        False,
    )


def _lead_partnership_prompt(case: Case) -> Prompt | None:
    if not case.other_areas_involved:
        return None
    return Prompt(
        f"Other areas are involved ({case.other_areas_involved}): the partnership where the "
        "victim normally lived leads the review.",  # seed 001 §4.2
        True,
    )
