"""Capacity under real concurrency on PostgreSQL: people taking the last places at the same moment, each in their own
connection and transaction. Exactly as many get a place as there are places; the rest are on the waiting list."""

import threading

import pytest
from django.db import connection, connections

from alliantie.core.tests.factories import make_event
from alliantie.events import selectors, services
from alliantie.events.models import Registration


@pytest.mark.usefixtures("reference_data")
def test_two_people_taking_the_last_place_at_once_one_gets_it_one_waits(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (DATABASE_URL): it checks row locks between real transactions.")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    event = make_event(capacity=3)
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def take_a_place(n: int) -> None:
        try:
            start.wait(timeout=10)
            from alliantie.accounts.models import User

            user = User.objects.create_user(
                email=f"gelijktijdig{n}@example.org", name=f"Persoon {n}", password="x" * 16
            )
            services.register(event=event, name=user.name, email=user.email, user=user, base_url="http://testserver")
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_a_place, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 5
    waiting = list(Registration.objects.filter(event=event, status="waiting").order_by("waiting_since", "pk"))
    assert [selectors.waiting_position(r) for r in waiting] == [1, 2, 3, 4, 5]
