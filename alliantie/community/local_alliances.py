"""The seam to the local alliances (issue 16, app `localalliances`, built in parallel).

A group of kind "lokaal" belongs to a local alliance (`Group.local_alliance_id`), and that alliance's coordinators
moderate it. Until the app is merged, the team names a group's moderators by hand (`Group.moderators`) and every
community member may read every group. When it lands, wire these functions (and turn `local_alliance_id` into a
foreign key): permissions.py asks them and nothing else changes.
"""


def coordinates(user, local_alliance_id: int | None) -> bool:
    """Whether `user` coordinates this local alliance (and so moderates its group); no local alliances yet."""
    return False


def may_read(user, local_alliance_id: int | None) -> bool:
    """Whether `user` may read the group of this local alliance. Open to the whole community until the local
    alliances say who their members are."""
    return True


def names(ids: list[int]) -> dict[int, str]:
    """The names of these local alliances by id; none yet."""
    return {}
