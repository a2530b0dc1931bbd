from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    """The audit log's filters; every field may stay empty."""

    persoon = forms.CharField(label=_("Door (naam of e-mailadres)"), required=False, max_length=100)
    organisatie = forms.CharField(label=_("Over organisatie (naam)"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Soort handeling"), required=False, choices=[])
    van = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bijvoorbeeld 1-3-2026."),
    )
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, kinds: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("alle")), *[(kind, kind) for kind in kinds]]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("Deze datum ligt voor de begindatum. Kies een latere datum."))
        return data


class DataRequestForm(forms.Form):
    """A person's request by e-mail to see or erase their data: the team looks the address up."""

    email = forms.EmailField(
        label=_("E-mailadres van de persoon"), help_text=_("Zoals de persoon het in de mail noemt.")
    )


class EraseConfirmForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("Ik heb vastgesteld dat het verzoek van deze persoon zelf komt, en wil alles van hem of haar wissen"),
        error_messages={"required": _("Vink aan dat u het verzoek heeft gecontroleerd; anders wissen we niets.")},
    )
