"""A person's data rights (AVG/GDPR): everything the platform holds on them, and erasing it.

Both work from the models themselves, so an app added later is covered without anyone remembering it:

- what *belongs* to the person is every row with a foreign key to them that is deleted with them (`on_delete=CASCADE`:
  memberships, API keys, authenticators); erasing deletes those rows;
- what the person *contributed* is every row with a foreign key to them that outlives them (`SET_NULL`, `PROTECT`:
  activities' progress, posts, answers, audit entries); it stays, pointing at the same account, which becomes
  "voormalig lid" without address, name or password;
- wherever else their address or full name was written (an invitation, an audit entry's details, a visitor's error
  report, a mail in the outbox), it is replaced.
"""

import json
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from alliantie.core.models import OutboxMessage, PersonalConsent

FORMER_MEMBER = "voormalig lid"
SECRET_FIELDS = {"password", "key_hash", "token_hash", "code_hash", "salt", "key", "bin_key", "payload", "session_key"}
# Apps whose tables are searched for a person's address and name (ours, and the libraries that store them).
SEARCHED_APPS = ("axes", "admin")


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def _our_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("alliantie.") or m._meta.app_label in SEARCHED_APPS]


def _person_links(user_class) -> list[tuple[type[models.Model], models.Field]]:
    """Every foreign key to a person, in every installed app."""
    return [
        (model, f)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_class and model is not user_class
    ]


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(instance: models.Model) -> dict:
    found = {}
    for f in instance._meta.concrete_fields:
        if f.name in SECRET_FIELDS or isinstance(f, models.BinaryField):
            continue
        value = getattr(instance, f.name if not f.is_relation else f.name, None)
        found[str(f.verbose_name)] = _plain(value)
    return found


@dataclass
class PersonalData:
    person: dict
    sections: dict[str, list[dict]] = field(default_factory=dict)

    def as_json(self) -> str:
        return json.dumps(
            {"gemaakt_op": timezone.now().isoformat(), "persoon": self.person, "gegevens": self.sections},
            ensure_ascii=False,
            indent=2,
            default=str,
        )


def personal_data(user) -> PersonalData:
    """All the platform holds on a person: their account, what belongs to them, what they contributed, and where
    their address appears (invitations, a visitor's report, mail sent to them)."""
    user_class = user_model()
    result = PersonalData(person=_row(user))
    for model, f in _person_links(user_class):
        rows = list(model._default_manager.filter(**{f.name: user}).order_by("pk")[:10_000])
        if rows:
            title = f"{model._meta.verbose_name_plural} ({f.verbose_name})"
            result.sections[str(title)] = [_row(row) for row in rows]
    result.sections.update(address_data(user.email).sections)
    return result


def address_data(email: str) -> PersonalData:
    """Where an e-mail address appears outside an account: invitations, nominations, a visitor's error report,
    mail sent to it (also for people without an account)."""
    email = email.strip().lower()
    result = PersonalData(person={"e-mailadres": email})
    for model in _our_models():
        if model is user_model():
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.EmailField):
                rows = list(model._default_manager.filter(**{f"{f.name}__iexact": email}).order_by("pk")[:10_000])
                if rows:
                    result.sections[f"{model._meta.verbose_name_plural} ({f.verbose_name})"] = [_row(r) for r in rows]
    mails = _mail_to(email)
    if mails.exists():
        result.sections[str(OutboxMessage._meta.verbose_name_plural)] = [
            {"onderwerp": m.subject, "status": m.status, "aangemaakt": _plain(m.created_at), "tekst": m.body_text}
            for m in mails.order_by("pk")[:10_000]
        ]
    return result


def _mail_to(email: str):
    return OutboxMessage.objects.annotate(to=Cast("recipients", models.TextField())).filter(to__icontains=email)


@transaction.atomic
def erase_address(email: str) -> None:
    """Erase an address that has no account (a visitor, an invitee): mail to it goes, every other mention of it is
    replaced."""
    email = email.strip().lower()
    _mail_to(email).delete()
    # Erasing is also withdrawing: the open consents end first, so that the records (kept as proof, without the
    # address) never stand open twice under the one placeholder address (one open consent per address and purpose).
    PersonalConsent.objects.filter(email__iexact=email, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_how="gewist op verzoek van de persoon"
    )
    _blank_names_of(email)
    for model in _our_models():
        if model is user_model():
            continue
        _replace_in(model, [(email, "verwijderd@verwijderd.invalid")])


def _blank_names_of(email: str) -> None:
    """A row kept for this address (a registration without account, a request) also loses the name it gave, which
    may differ from the name on the person's account."""
    for model in _our_models():
        if model is user_model():
            continue
        names = [f for f in model._meta.concrete_fields if f.name == "name" and isinstance(f, models.CharField)]
        for f in model._meta.concrete_fields:
            if isinstance(f, models.EmailField) and names:
                model._default_manager.filter(**{f"{f.name}__iexact": email}).update(name=FORMER_MEMBER)


@transaction.atomic
def erase(user) -> None:
    """Erase a person: delete what belongs to them, keep their contributions under "voormalig lid", replace their
    address and full name wherever else they were written, and turn the account into an empty one that cannot log
    in. Runs in one transaction: all of it, or nothing."""
    user_class = user_model()
    email, name = user.email.lower(), user.name.strip()
    names, phones = {name}, set()
    for model, f in _person_links(user_class):
        if f.remote_field.on_delete is models.CASCADE and model._meta.app_label != "admin":
            rows = model._default_manager.filter(**{f.name: user})
            # A name or telephone number the person gave on a row of their own (an entry in the pool) was written
            # into others' mail too: it is replaced there like the account's name.
            fields = {g.name for g in model._meta.concrete_fields if isinstance(g, models.CharField)}
            describes_a_person = any(isinstance(g, models.EmailField) for g in model._meta.concrete_fields)
            if "name" in fields and describes_a_person:
                names |= {n.strip() for n in rows.values_list("name", flat=True) if n}
            if "phone" in fields and describes_a_person:
                phones |= {p.strip() for p in rows.values_list("phone", flat=True) if p and len(p.strip()) >= 6}
            rows.delete()
    _mail_to(email).delete()
    _blank_names_of(email)
    placeholder = f"voormalig-lid-{user.pk}@verwijderd.invalid"
    replacements = [(email, placeholder)]
    for known in sorted(names, key=len, reverse=True):
        if " " in known and len(known) >= 5:  # a single short word is too common to replace in others' text
            replacements.append((known, FORMER_MEMBER))
    replacements += [(phone, "–") for phone in sorted(phones)]
    for model in _our_models():
        if model is user_class:
            continue
        _replace_in(model, replacements)
    user.email, user.name, user.team_role = placeholder, FORMER_MEMBER, ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()


def _replace_in(model: type[models.Model], replacements: list[tuple[str, str]]) -> None:
    """Replace each old text by its new one in every text and JSON column of a model (an address in any case)."""
    manager = model._default_manager
    for f in model._meta.concrete_fields:
        if f.primary_key or f.is_relation or f.name in SECRET_FIELDS:
            continue
        for old, new in replacements:
            pattern = re.compile(re.escape(old), re.IGNORECASE if "@" in old else 0)
            if isinstance(f, models.CharField | models.TextField):
                for row in manager.filter(**{f"{f.name}__icontains": old}).only("pk", f.name):
                    replaced = pattern.sub(new, getattr(row, f.name))[: f.max_length or None]
                    manager.filter(pk=row.pk).update(**{f.name: replaced})
            elif isinstance(f, models.JSONField):
                escaped = re.compile(re.escape(json.dumps(old)[1:-1]), pattern.flags)
                for row in manager.annotate(_text=Cast(f.name, models.TextField())).filter(_text__icontains=old):
                    cleaned = json.loads(escaped.sub(json.dumps(new)[1:-1], json.dumps(getattr(row, f.name))))
                    manager.filter(pk=row.pk).update(**{f.name: cleaned})
