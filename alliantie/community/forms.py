from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alliantie.accounts.models import User
from alliantie.community.models import Flag, Frequency, Group, Thread
from alliantie.community.services import EMAIL_CONSENT_TEXT, Action
from alliantie.core.fields import NameFormField
from alliantie.core.models import Challenge

BODY_HINT = _(
    "Gewone tekst; een webadres wordt een link. Noem iemand uit deze groep met @ en de naam om te noemen, een "
    "partnerorganisatie met @ en haar korte naam. Schrijf niets over gezinnen of kinderen dat hen herkenbaar maakt."
)


def _body(label) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=20_000, widget=forms.Textarea(attrs={"rows": 6}), help_text=BODY_HINT, strip=True
    )


def _attachment() -> forms.FileField:
    return forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_("Een PDF, Word- of PowerPoint-bestand, OpenDocument, of een foto (PNG, JPEG), hoogstens 10 MB."),
    )


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[(Thread.Kind.QUESTION, _("Een vraag stellen")), (Thread.Kind.DISCUSSION, _("Iets delen"))],
        widget=forms.RadioSelect,
        initial=Thread.Kind.QUESTION,
    )
    title = NameFormField(label=_("Titel"), max_length=200)
    body = _body(_("Uw bericht"))
    attachment = _attachment()


class ReplyForm(forms.Form):
    body = _body(_("Uw reactie"))
    attachment = _attachment()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class EditPostForm(forms.Form):
    body = _body(_("Tekst"))


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meldt u dit bericht?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (Action.RESTORE, _("Terugzetten: het bericht is in orde")),
            (Action.HIDE, _("Verbergen")),
            (Action.REMOVE, _("Verwijderen met een reden")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De schrijver ziet deze reden bij het bericht en in een melding."),
    )


class SettingsForm(forms.Form):
    default_frequency = forms.ChoiceField(
        label=_("E-mail voor groepen waar ik later lid van word"), choices=Frequency.choices
    )
    consent = forms.BooleanField(label=EMAIL_CONSENT_TEXT, required=False)

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"groep_{member.group_id}"] = forms.ChoiceField(
                label=_("E-mail over %(group)s") % {"group": member.group.name},
                choices=Frequency.choices,
                initial=member.email_frequency,
            )

    def frequencies(self) -> dict[int, str]:
        return {m.group_id: self.cleaned_data[f"groep_{m.group_id}"] for m in self.members}


class GroupForm(forms.Form):
    name = NameFormField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(label=_("Soort groep"), choices=Group.Kind.choices)
    challenge = forms.ModelChoiceField(
        label=_("Opgave"),
        queryset=Challenge.objects.order_by("number"),
        required=False,
        help_text=_("Bij een groep per opgave."),
    )
    description = forms.CharField(
        label=_("Omschrijving"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    moderators = forms.ModelMultipleChoiceField(
        label=_("Moderatoren naast het projectteam"),
        queryset=User.objects.filter(team_role=User.TeamRole.COORDINATOR, is_active=True).order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Coördinatoren van lokale allianties modereren de groep van hun alliantie."),
    )
    is_archived = forms.BooleanField(label=_("Gearchiveerd (alleen lezen)"), required=False)

    @staticmethod
    def initial_for(group: Group) -> dict:
        return {
            "name": group.name,
            "kind": group.kind,
            "challenge": group.challenge,
            "description": group.description,
            "moderators": list(group.moderators.all()),
            "is_archived": group.is_archived,
        }


class RemovalForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van wie u verwijdert"), max_length=254)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deze reden krijgt de persoon per mail."),
    )


class SearchForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek in de community"), max_length=200, required=False)
