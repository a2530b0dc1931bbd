"""Access to core: the home page, the statements and the health check are public; reference data is
changed only by administrators, in the admin. The basic role test lives here so every app shares it."""


def is_administrator(user) -> bool:
    """An administrator manages users, roles, reference data and settings."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def can_edit_reference_data(user) -> bool:
    """Only administrators change opgaven, sectors, municipalities and the like."""
    return is_administrator(user)
