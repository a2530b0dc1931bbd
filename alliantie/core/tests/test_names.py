"""Names and titles: one validator (core.validators.validate_name) on every field that holds one, in the models,
the forms, the API and the imports. Characters that reverse or reorder text (bidirectional controls: "\u202eredaV"
shows as "Vader"), break it over lines or format it invisibly are refused with a Dutch message at the field saying
which character and where. Characters that only hide (a zero-width space, a soft hyphen, a byte order mark, and
joiners at the ends) are harmless to remove, so they are removed."""

import importlib
import json
import uuid

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from alliantie.accounts.models import User
from alliantie.accounts.services import create_api_token
from alliantie.activities.models import Activity
from alliantie.activities.tests.test_activities import form_data as activity_data
from alliantie.core.fields import NameField, NameFormField
from alliantie.core.tests.factories import make_activity
from alliantie.core.validators import BIDI_CONTROLS, clean_name, validate_name
from alliantie.marketplace.models import Post
from alliantie.marketplace.tests.test_marketplace import post_data
from alliantie.partners.models import Organisation
from alliantie.partners.tests.test_application import APPLY, application
from alliantie.partners.tests.test_import import job_page
from alliantie.socialmap.hsds.importer import import_dataset
from alliantie.socialmap.models import Provider

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
# Model fields that hold text but are no name or title typed by a person: derived search keys, and the label our
# code gives a set of recovery codes (django-otp's Device.name).
NOT_NAMES = {
    "core.Municipality.search_name",
    "core.MunicipalityAlias.search_name",
    "accounts.RecoveryCodeDevice.name",
    # names our code gives: data versions, periodic jobs, background jobs and their files, matching indexes, and the
    # search index's copy of a title that was checked where it was typed
    "core.DataVersion.name",
    "core.PeriodicRun.name",
    "core.BackgroundJob.title",
    "core.BackgroundJob.result_name",
    "core.SearchDocument.title",
    "marketplace.MatchingIndex.name",
}
NAME_WORDS = ("name", "title", "label")
FORM_NAME_FIELDS = {"name", "title", "organisation_name", "signatory_name", "signatory_function", "city", "text"}


def project_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("alliantie.")]


def test_every_name_and_title_field_of_every_model_uses_the_one_validator():
    found = []
    for model in project_models():
        for field in model._meta.get_fields():
            label = f"{model._meta.label}.{field.name}"
            if not isinstance(field, models.CharField) or label in NOT_NAMES or field.choices:
                continue
            if field.name.endswith(NAME_WORDS) or field.name in FORM_NAME_FIELDS:
                found.append(label)
                assert isinstance(field, NameField), f"{label} is geen NameField"
                assert validate_name in field.validators
    # the ones the issue names, so a rename cannot silently drop them from this test
    for expected in (
        "partners.Organisation.name",
        "accounts.User.name",
        "activities.Activity.title",
        "marketplace.Post.title",
        "socialmap.Service.name",
        "socialmap.Provider.name",
        "monitoring.Questionnaire.name",
        "monitoring.MonitorRound.name",
    ):
        assert expected in found


def test_every_form_field_for_a_name_or_title_uses_it_too():
    checked = 0
    for config in apps.get_app_configs():
        if not config.name.startswith("alliantie."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for form in vars(module).values():
            if not (isinstance(form, type) and issubclass(form, forms.BaseForm)) or form.__module__ != module.__name__:
                continue
            for name, field in form.base_fields.items():
                if name in FORM_NAME_FIELDS and isinstance(field, forms.CharField):
                    checked += 1
                    assert isinstance(field, NameFormField), f"{form.__name__}.{name} is geen NameFormField"
    assert checked >= 12


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_every_bidirectional_control_is_refused_with_which_character_and_where(char):
    with pytest.raises(ValidationError) as refusal:
        validate_name(clean_name(f"Gemeente {char}Testdorp"))
    message = refusal.value.messages[0]
    assert f"U+{ord(char):04X}" in message
    assert "op plaats 10 (na “Gemeente ”)" in message
    assert "leesrichting" in message


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Gemeente\nTestdorp", "stuurteken"),  # a line break
        ("Gemeente\tTestdorp", "stuurteken"),
        ("Gemeente\u2028Testdorp", "stuurteken"),  # line separator
        ("Gemeente\u2061Testdorp", "onzichtbaar opmaakteken"),  # invisible function application
        ("Gemeente\U000e0041Testdorp", "onzichtbaar opmaakteken"),  # a tag character
    ],
)
def test_other_characters_that_break_or_hide_text_are_refused(text, refused):
    with pytest.raises(ValidationError, match=refused):
        validate_name(clean_name(text))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u200bVoedselbank\u200b", "Voedselbank"),  # zero-width spaces: removed anywhere
        ("Voedsel\u200bbank", "Voedselbank"),  # inside, it would make two names look the same
        ("Kinder\u00adarmoede", "Kinderarmoede"),  # a soft hyphen only allows a break
        ("\ufeffStichting Leergeld", "Stichting Leergeld"),  # a byte order mark pasted from a file
        ("Stichting\u2060Leergeld", "StichtingLeergeld"),  # word joiner
        ("\u200dJeugdfonds\u200c ", "Jeugdfonds"),  # joiners at the ends join nothing
        ("زهرا\u200cمحمدی", "زهرا\u200cمحمدی"),  # a Persian name keeps its zero-width non-joiner
        ("Gezin 👨\u200d👩\u200d👧", "Gezin 👨\u200d👩\u200d👧"),  # an emoji keeps its joiners
        ("Ervaringsdeskundigen ﷲ עברית", "Ervaringsdeskundigen ﷲ עברית"),  # right-to-left script itself is fine
    ],
)
def test_harmless_invisible_characters_are_removed_and_the_rest_kept(typed, kept):
    assert clean_name(typed) == kept
    validate_name(clean_name(typed))


def test_a_form_refuses_it_at_the_field_and_saves_nothing(personas):
    url = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    response = personas.client("member").post(url, activity_data(title=f"Gezond {RLO}tbijtno"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in html and "op plaats 8 (na “Gezond ”)" in html
    assert 'id="id_title_error"' in html
    assert not Activity.objects.exists()


def test_a_form_stores_the_name_without_the_harmless_characters(personas):
    url = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    personas.client("member").post(url, activity_data(title="\u200bGezond ont\u00adbijt\ufeff\u200d"))
    assert Activity.objects.get().title == "Gezond ontbijt"


def test_the_marketplace_and_the_application_refuse_it_too(personas, client):
    response = personas.client("member").post(reverse("marketplace:post-create"), post_data(title=f"{RLO}tbijtnO"))
    assert response.status_code == 400 and "U+202E" in response.content.decode()
    assert not Post.objects.exists()
    response = client.post(APPLY, application(name=f"Stichting {RLO}tbijtnO", **{"contact-name": f"Sara{RLO}"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html and 'id="id_contact-name_error"' in html  # both fields, each at its place
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in html
    assert not Organisation.objects.filter(name__contains="Stichting").exists()
    assert not User.objects.filter(email="sara@example.org").exists()


def test_the_api_refuses_it_in_dutch_at_the_field_and_changes_nothing(personas, client):
    activity = make_activity(personas.organisation)
    token = f"Bearer {create_api_token(user=personas.users['contact'], name='test')[1]}"
    response = client.patch(
        f"/api/v1/activiteiten/{activity.pk}",
        json.dumps({"titel": f"Ontbijt {RLO}lohocla"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["invalidParams"][0]["name"] == "titel"
    assert "U+202E" in problem["invalidParams"][0]["reason"]
    activity.refresh_from_db()
    assert activity.title == "Gezond ontbijt op school"


def test_the_imports_refuse_it_by_row_and_record(personas, tmp_path):
    header = "naam;kvk;sector;schaal;werkgebied;website;e-mail;postcode;plaats"
    row = f"Voedselbank {RLO}reemreteoZ;;fonds;lokaal;Zoetermeer;;;;Zoeter\u2066meer"
    upload = SimpleUploadedFile("lijst.csv", f"{header}\r\n{row}".encode())
    html = job_page(personas.client("project_team"), reverse("partners:import"), {"file": upload})
    assert "Niets geïmporteerd" in html and "U+202E" in html and "U+2066" in html
    assert not Organisation.objects.filter(name__startswith="Voedselbank ").exclude(pk=personas.other_organisation.pk)
    record = {"id": str(uuid.uuid4()), "name": f"Stichting {RLO}dlegreeL", "description": "Schoolspullen."}
    path = tmp_path / "hsds.json"
    path.write_text(json.dumps({"organizations": [record]}), encoding="utf-8")
    report = import_dataset(path)
    assert any("U+202E" in line for line in report.refused), report.refused
    assert not Provider.objects.exists()


def test_the_admin_refuses_it_at_the_field(personas):
    client = personas.client("administrator")
    url = f"/beheer/partners/organisation/{personas.organisation.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {key: "" if value is None else value for key, value in form.initial.items() if not isinstance(value, list)}
    data |= {"name": f"Gemeente {RLO}portseT", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "U+202E" in response.context["adminform"].form.errors["name"][0]
    personas.organisation.refresh_from_db()
    assert personas.organisation.name == "Gemeente Testdorp"


def test_a_name_stored_before_this_check_is_kept_and_other_fields_can_still_change(personas, client):
    """Nothing stored is lost: an old name with such a character stays until someone edits that name."""
    organisation = personas.organisation
    Organisation.objects.filter(pk=organisation.pk).update(name=f"Gemeente {RLO}portseT")
    token = f"Bearer {create_api_token(user=personas.users['contact'], name='test')[1]}"
    response = client.patch(
        f"/api/v1/organisaties/{organisation.slug}",
        json.dumps({"omschrijving": "Nieuwe tekst"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.description == "Nieuwe tekst" and organisation.name == f"Gemeente {RLO}portseT"
