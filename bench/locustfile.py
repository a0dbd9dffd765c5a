"""The locust scenario of `python -m bench load`: staff who browse, enrol, cancel and download a certificate.

Each simulated person signs in with the sign-in form as one of the demo's staff (a different person each), then,
with a pause of one to three seconds between steps, browses the catalogue (first page, a filter, a search), opens
courses, enrols in one of the benchmark's sessions through the enrolment form, looks at My trainings, cancels an
enrolment found there and downloads one of their certificates. The data (people, pages, sessions) comes from the
JSON file named by BENCH_LOAD_DATA, written by bench/load.py.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["BENCH_LOAD_DATA"]).read())  # noqa: SIM115 - read once
PEOPLE = itertools.cycle(DATA["people"])
CANCEL_LINK = re.compile(r'href="(/(?:[a-z]{2}/)?enrolments/(\d+)/cancel/)"')


class StaffMember(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.person = next(PEOPLE)
        self.client.get(DATA["sign_in"], name="sign-in page")
        response = self.client.post(
            DATA["sign_in"],
            {
                "login": self.person["email"],
                "password": DATA["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="sign in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            response.failure(f"sign-in answered {response.status_code}")

    def _post(self, url: str, name: str):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(url, {"csrfmiddlewaretoken": token}, name=name, allow_redirects=False)

    @task(4)
    def browse_catalogue(self) -> None:
        catalogue = DATA["catalogue"]
        self.client.get(catalogue, name="catalogue")
        choice = random.choice([f"?kind={DATA['kind']}", f"?q={DATA['search']}", "?page=2"])
        self.client.get(catalogue + choice, name="catalogue, filtered or searched")

    @task(3)
    def open_course(self) -> None:
        self.client.get(random.choice(DATA["courses"]), name="course page")

    @task(2)
    def enrol(self) -> None:
        session = random.choice(DATA["sessions"])
        self._post(f"{DATA['prefix']}sessions/{session}/enrol/", "enrol (POST)")

    @task(2)
    def my_trainings_and_cancel(self) -> None:
        page = self.client.get(DATA["my_trainings"], name="My trainings")
        links = CANCEL_LINK.findall(page.text)
        if links:
            url, _pk = random.choice(links)
            self._post(url, "cancel (POST)")

    @task(1)
    def download_certificate(self) -> None:
        with self.client.get(self.person["certificate"], name="certificate PDF", catch_response=True) as response:
            if response.status_code == 200 and not response.content.startswith(b"%PDF"):
                response.failure("not a PDF")
