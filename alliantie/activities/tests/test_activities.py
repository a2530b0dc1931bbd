import pytest
from django.urls import reverse

from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core.models import Challenge, ChangeLine
from alliantie.core.tests.factories import make_activity, make_organisation

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "Gezond ontbijt op school",
        "description": "Elke ochtend een gezond ontbijt voor 300 leerlingen op twee scholen.",
        "challenges": [Challenge.objects.get(slug="een-gezonde-dag").pk, Challenge.objects.get(slug="meedoen").pk],
        "change_line": ChangeLine.objects.get(code="soften").pk,
        "target_groups": ["children_4_12", "parents"],
        "municipalities": "Zoetermeer",
        "planned_children": "300",
        "planned_families": "",
        "starts_on": "2022-01-10",
        "ends_on": "",
        "co_partners": "voedselbank elders",
        "involvement": "co_designed",
        "involvement_explanation": "Ouders en kinderen bedachten samen het menu.",
    }
    return data | overrides


def test_a_member_describes_an_activity_with_opgaven_place_and_co_partners(personas):
    url = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    response = personas.client("member").post(url, form_data())
    activity = Activity.objects.get()
    assert response["Location"] == activity.get_absolute_url()
    assert activity.organisation == personas.organisation
    assert {c.slug for c in activity.challenges.all()} == {"een-gezonde-dag", "meedoen"}
    assert [m.code for m in activity.municipalities.all()] == ["GM0637"]
    assert [o.name for o in activity.co_partners.all()] == ["Voedselbank Elders"]
    assert activity.target_groups == ["children_4_12", "parents"]
    assert activity.involvement == "co_designed"
    page = personas.client("anonymous").get(activity.get_absolute_url()).content.decode()
    assert "Gezond ontbijt op school" in page and "Samen ontworpen" in page and "Voedselbank Elders" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("involvement", "", "Dit veld is verplicht"),
        ("involvement_explanation", "", "Dit veld is verplicht"),
        ("challenges", [], "Dit veld is verplicht"),
        ("co_partners", "Bestaat Niet BV", "Deze partners kennen we niet: Bestaat Niet BV"),
        ("ends_on", "2021-01-01", "De einddatum ligt voor de begindatum"),
        ("planned_children", "-5", "Zorg ervoor dat deze waarde minstens 0 is"),
        ("planned_children", "veel", "Voer een geheel getal in"),
        ("municipalities", "Zoetermer", "Bedoelt u Zoetermeer?"),
        ("target_groups", ["baby's"], "Selecteer een geldige keuze"),
        ("starts_on", "31-31-2022", "Voer een geldige datum in"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(personas, field, value, message):
    url = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    response = personas.client("member").post(url, form_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_script_in_an_activity_is_shown_as_text(personas):
    url = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    personas.client("member").post(url, form_data(title="<script>alert(1)</script>"))
    html = personas.client("anonymous").get(Activity.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_another_organisation_cannot_change_an_activity(personas):
    activity = make_activity(personas.organisation)
    edit = reverse("activities:activity-edit", kwargs={"pk": activity.pk})
    outsider = personas.client("outsider")
    assert outsider.post(edit, form_data(title="Gekaapt")).status_code == 403
    assert outsider.post(reverse("activities:progress-create", kwargs={"pk": activity.pk}), {}).status_code == 403
    other_list = reverse("activities:activity-create", kwargs={"slug": personas.organisation.slug})
    assert outsider.post(other_list, form_data()).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Gezond ontbijt op school"
    assert Activity.objects.count() == 1


def test_editing_keeps_the_activity_and_changes_its_fields(personas):
    activity = make_activity(personas.organisation)
    edit = reverse("activities:activity-edit", kwargs={"pk": activity.pk})
    page = personas.client("contact").get(edit).content.decode()
    assert 'value="Gezond ontbijt op school"' in page
    personas.client("contact").post(edit, form_data(title="Ontbijt en lunch"))
    activity.refresh_from_db()
    assert activity.title == "Ontbijt en lunch"


def test_progress_updates_add_up_and_their_notes_stay_with_the_organisation(personas):
    activity = make_activity(personas.organisation)
    url = reverse("activities:progress-create", kwargs={"pk": activity.pk})
    client = personas.client("member")
    client.post(
        url, {"reported_on": "2022-06-30", "children_reached": "120", "note": "Eerste halfjaar, intern verslag"}
    )
    client.post(
        url, {"reported_on": "2022-12-31", "children_reached": "180", "families_reached": "90", "note": "Tweede"}
    )
    assert ProgressUpdate.objects.count() == 2
    own = client.get(activity.get_absolute_url()).content.decode()
    assert "Eerste halfjaar, intern verslag" in own and "300 kinderen en 90 gezinnen bereikt" in own
    public = personas.client("anonymous").get(activity.get_absolute_url()).content.decode()
    assert "300 kinderen en 90 gezinnen bereikt" in public and "intern verslag" not in public


def test_progress_in_the_future_or_negative_is_refused(personas):
    activity = make_activity(personas.organisation)
    url = reverse("activities:progress-create", kwargs={"pk": activity.pk})
    response = personas.client("member").post(url, {"reported_on": "2999-01-01", "children_reached": "-1", "note": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze datum ligt in de toekomst" in html and "Zorg ervoor dat deze waarde minstens 0 is" in html
    assert not ProgressUpdate.objects.exists()


def test_activities_of_an_applicant_are_not_public(personas):
    applicant = make_organisation(status="applied")
    activity = make_activity(applicant)
    assert personas.client("anonymous").get(activity.get_absolute_url()).status_code == 404
    assert personas.client("project_team").get(activity.get_absolute_url()).status_code == 200


def test_the_activity_list_takes_the_same_queries_for_one_or_thirty(personas, django_assert_num_queries):
    client = personas.client("member")
    url = reverse("activities:activity-list", kwargs={"slug": personas.organisation.slug})
    make_activity(personas.organisation)
    # 1 session, 2 user, 3 organisation, 4 may edit (membership), 5 activities with reach,
    # 6 opgaven, 7 municipalities, 8 co-partners
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    for n in range(29):
        make_activity(personas.organisation, title=f"Activiteit {n}")
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
