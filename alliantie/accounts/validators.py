"""Django's password validators with messages that say what to do, in plain Dutch (and English through
the project's translations). Django 5.2 changed the length message, which its Dutch catalogue lacks."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return (
            ngettext(
                "Dit wachtwoord is te kort: gebruik minstens %d teken. Een zin van een paar woorden werkt goed.",
                "Dit wachtwoord is te kort: gebruik minstens %d tekens. Een zin van een paar woorden werkt goed.",
                self.min_length,
            )
            % self.min_length
        )


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op uw %(verbose_name)s. Kies iets anders.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies iets anders.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Een wachtwoord van alleen cijfers is makkelijk te raden. Gebruik ook letters.")
