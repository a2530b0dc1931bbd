"""The load test's simulated people (Locust), run by `make loadtest` (scripts/loadtest.sh).

Four kinds of people use the platform at once, each with their own address (X-Forwarded-For through a trusted
proxy, so the platform's limits see them as the separate visitors they are):

- parents on the sociale kaart: search by postcode and age, open a service, run the anonymous check;
- visitors: the partner directory, a partner's profile, the agenda and the kennisbank;
- partners: log in, report progress on one of their activities, save their monitor answers as a draft;
- the project team: log in with the second factor, open the worklist and the open round's dashboard.

Every answer that is not what a person would expect counts as a failure (the goal is none).
"""

import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time

from locust import HttpUser, between, task

SETUP = json.loads(open(os.environ["LOADTEST_SETUP"]).read())  # noqa: SIM115 - written by scripts/loadtest.sh
PASSWORD = SETUP["password"]
_addresses = itertools.count(1)
_partners = itertools.cycle(SETUP["partners"])
_team = itertools.cycle(SETUP["team"])
CHECK_FORM = {"waar": "Zoetermeer", "leeftijden": "4, 9", "huishouden": "twee-ouders", "inkomen": "2200"}


def totp(secret_hex: str, at: float | None = None) -> str:
    """The authenticator app's code (RFC 6238, SHA-1, 30 s, 6 digits) for the demo team member's device."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(bytes.fromhex(secret_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Person(HttpUser):
    abstract = True

    def on_start(self) -> None:
        number = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post_form(self, path: str, data: dict, name: str, expect: tuple[int, ...] = (302,)):
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": self.csrf()},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} instead of {expect}")
            return response

    def log_in(self, email: str) -> None:
        self.client.get("/account/inloggen/", name="login page")
        self.post_form("/account/inloggen/", {"username": email, "password": PASSWORD}, "login")


class Parent(Person):
    weight = 5
    wait_time = between(1, 4)

    @task(4)
    def search(self) -> None:
        postcode = random.choice(SETUP["postcodes"])
        with self.client.get(
            f"/sociale-kaart/?waar={postcode}&leeftijd={random.randint(0, 17)}",
            name="sociale kaart: search",
            catch_response=True,
        ) as response:
            found = re.findall(r'href="(/sociale-kaart/[a-z0-9-]+/)"', response.text)
            if response.status_code != 200:
                response.failure(str(response.status_code))
        services = [link for link in found if link.count("/") == 3 and "beheer" not in link]
        if services:
            self.client.get(random.choice(services), name="sociale kaart: service")

    @task(1)
    def check(self) -> None:
        self.client.get("/sociale-kaart/waar-heb-ik-recht-op/", name="check: form")
        self.client.post("/sociale-kaart/waar-heb-ik-recht-op/", data=CHECK_FORM, name="check: answer")


class Visitor(Person):
    weight = 3
    wait_time = between(1, 5)

    @task(3)
    def directory(self) -> None:
        word = random.choice(["school", "ontbijt", "sport", "geld", "gemeente", "voedselbank", ""])
        self.client.get(f"/partners/?zoek={word}", name="directory")

    @task(2)
    def profile(self) -> None:
        self.client.get(f"/partners/{random.choice(SETUP['organisations'])}/", name="partner profile")

    @task(1)
    def agenda(self) -> None:
        self.client.get("/agenda/", name="agenda")

    @task(1)
    def kennisbank(self) -> None:
        word = random.choice(["armoede signaleren", "schulden", "ontbijt", "ervaringsdeskundigen"])
        self.client.get(f"/kennisbank/?q={word}", name="kennisbank search")


class Partner(Person):
    weight = 2
    wait_time = between(2, 6)

    def on_start(self) -> None:
        super().on_start()
        self.partner = next(_partners)
        self.log_in(self.partner["email"])

    @task(2)
    def my_organisation(self) -> None:
        self.client.get("/mijn-organisaties/", name="my organisations")

    @task(2)
    def report_progress(self) -> None:
        activity = random.choice(self.partner["activities"])
        self.client.get(f"/activiteiten/{activity}/", name="activity page")
        path = f"/activiteiten/{activity}/voortgang/"
        data = {
            "reported_on": time.strftime("%Y-%m-%d"),
            "children_reached": str(random.randint(1, 300)),
            "families_reached": "",
            "note": "Het loopt goed; meer kinderen doen mee.",
        }
        self.post_form(path, data, "progress: save")

    @task(1)
    def monitor_draft(self) -> None:
        path = self.partner["monitor"]
        if not path:
            return
        page = self.client.get(path, name="monitor: form")
        found = re.search(r'name="revision" value="(\d+)"', page.text)
        if not found:
            return  # already submitted by the demo: the page shows the answers
        data = {
            "revision": found.group(1),
            self.partner["monitor_field"]: f"We helpen {random.randint(1, 999)} kinderen.",
        }
        # 409: the same partner's other simulated colleague saved in between (the page says so and keeps the text)
        self.post_form(path, data, "monitor: save draft", expect=(302, 409))


class Team(Person):
    weight = 1
    wait_time = between(3, 8)

    def on_start(self) -> None:
        super().on_start()
        member = next(_team)  # each its own account: an authenticator code works once
        self.log_in(member["email"])
        self.client.get("/account/tweestapsverificatie/", name="second factor page")
        self.post_form("/account/tweestapsverificatie/", {"token": totp(member["secret"])}, "second factor")

    @task(3)
    def worklist(self) -> None:
        self.client.get("/opvolging/", name="team worklist")

    @task(2)
    def dashboard(self) -> None:
        self.client.get(f"/monitor/rondes/{SETUP['open_round']}/", name="monitor dashboard")

    @task(1)
    def outbox(self) -> None:
        self.client.get("/team/uitgaande-mail/", name="team outbox")
