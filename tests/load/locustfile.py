"""Locust scenario of the portal load test (``make load``, see ``tests/load/run_load.py``).

Each simulated user logs in as its own portal migrant (``load.migrant.NNN@example.org``, the
password being the login, as ``tests/load/load_setup.py`` sets them up) and browses as a migrant
does: the vacancy list with filters, sorting and pages, a vacancy's page, their matches, and
"I'm interested" (the form the vacancy page posts, with its CSRF token and the consent box).

The users log in all at once (a failed login is retried twice), then wait for each other:
once the last one is in, they all browse for ``LOAD_DURATION`` seconds and the run stops, so
that the browsing figures are those of every user browsing at the same time, and the logins'
figures those of everyone logging in at once.

A request fails when it answers another status than expected, lands on the login page (the
session was lost) or lacks the page's own content. Settings come from the environment:
``LOAD_PORTAL_MIGRANTS`` (how many logins exist, 50), ``LOAD_USERS`` (how many users locust
starts, the same by default), ``LOAD_DURATION`` (seconds of browsing, 120; 0: until locust's
``--run-time``), ``LOAD_WAIT_MIN``/``LOAD_WAIT_MAX`` (think time between two pages, 1-3 s).

Not a pytest module (its name does not start with ``test_``): locust runs it.
"""

import itertools
import json
import os
import random
import re
import time

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
VACANCY_RE = re.compile(r'href="/my/vacancies/(\d+)"')
SELECT_RE = re.compile(r'<select[^>]*name="(country|occupation|sector)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option[^>]*value="(\d+)"')
SEARCH_WORDS = ["cook", "weld", "driver", "farm", "operador", "clean", "nurse", "e"]
SORTINGS = ["date", "deadline", "name"]
PORTAL_MIGRANTS = int(os.environ.get("LOAD_PORTAL_MIGRANTS", "50"))
USERS = int(os.environ.get("LOAD_USERS") or PORTAL_MIGRANTS)
BROWSE_S = float(os.environ.get("LOAD_DURATION", "120"))
# every request's start, name, time and outcome, written here when the run ends (run_load.py
# computes exact percentiles from it, for the whole run and once every user has logged in)
RAW_FILE = os.environ.get("LOAD_RAW_FILE")
_numbers = itertools.count()
_requests = []
_phase = {"logged_in": 0, "browse_from": None}
_everyone_in = Event()


@events.request.add_listener
def _record(name, response_time, exception, start_time=None, **_kw):
    _requests.append([start_time, name, round(response_time, 1), exception is None])


@events.quitting.add_listener
def _write(**_kw):
    if RAW_FILE:
        with open(RAW_FILE, "w") as raw:
            json.dump({"browse_from": _phase["browse_from"], "requests": _requests}, raw)


def login_of(number):
    """Same as ``load_setup.migrant_login`` (the locustfile stays importable on its own)."""
    return f"load.migrant.{number:03d}@example.org"


WAIT_MIN = float(os.environ.get("LOAD_WAIT_MIN", "1"))
WAIT_MAX = float(os.environ.get("LOAD_WAIT_MAX", "3"))


class PortalMigrant(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        self.login = login_of(next(_numbers) % PORTAL_MIGRANTS + 1)
        self.filters = {"country": [], "occupation": [], "sector": []}
        self.vacancies = []
        self.csrf = {}
        for _attempt in range(3):
            if self._log_in():
                break
        self._wait_for_everyone()
        # people do not all click at the same instant: a first think time
        gevent.sleep(random.uniform(WAIT_MIN, WAIT_MAX))
        text = self._get("/my/vacancies", "/my/vacancies", "o_mrc_cards")
        if text:
            for field, options in SELECT_RE.findall(text):
                self.filters[field] = OPTION_RE.findall(options)

    def _log_in(self):
        """The login form, then its post; whether the migrant is logged in."""
        with self.client.get(
            "/web/login", name="/web/login (form)", catch_response=True
        ) as page:  # fmt: skip
            token = CSRF_RE.search(page.text or "") if page.status_code == 200 else None
            if not token:
                page.failure(f"the login form answered {page.status_code} without a token")
                return False
        with self.client.post(
            "/web/login",
            data={
                "login": self.login,
                "password": self.login,
                "csrf_token": token.group(1),
                "redirect": "/my",
            },
            name="/web/login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (302, 303):
                response.failure(f"login of {self.login} answered {response.status_code}")
                return False
            response.success()
        return True

    def _wait_for_everyone(self):
        """Wait until every user has logged in (or given up); the last one starts the clock
        of the browsing phase, which stops the run after ``BROWSE_S`` seconds."""
        _phase["logged_in"] += 1
        if _phase["logged_in"] >= USERS and not _everyone_in.is_set():
            _phase["browse_from"] = time.time()
            _everyone_in.set()
            if BROWSE_S > 0:
                gevent.spawn_later(BROWSE_S, self.environment.runner.quit)
        _everyone_in.wait()

    # ------------------------------------------------------------------ helpers
    def _get(self, url, name, marker, params=None):
        """GET a portal page; its text, or None when it failed."""
        with self.client.get(url, params=params, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
                return None
            if "/web/login" in response.url:
                response.failure(f"{url} sent {self.login} back to the login page")
                return None
            if marker not in response.text:
                response.failure(f"{url} lacks {marker}")
                return None
            response.success()
            self._remember(response.text)
            return response.text

    def _remember(self, text):
        found = VACANCY_RE.findall(text)
        if found:
            self.vacancies = list(dict.fromkeys(found + self.vacancies))[:200]

    def _vacancy(self):
        job_id = random.choice(self.vacancies)
        text = self._get(f"/my/vacancies/{job_id}", "/my/vacancies/[id]", "o_mrc_vacancy")
        if text:
            token = CSRF_RE.search(text)
            if token:
                self.csrf[job_id] = token.group(1)
        return job_id if text else None

    # ------------------------------------------------------------------ what a migrant does
    @task(2)
    def vacancy_list(self):
        self._get("/my/vacancies", "/my/vacancies", "o_mrc_cards")

    @task(2)
    def vacancy_list_page(self):
        page = random.randint(2, 20)
        sortby = random.choice(SORTINGS)
        self._get(
            f"/my/vacancies/page/{page}",
            "/my/vacancies/page/[n]",
            "o_mrc_vacancy_card",
            params={"sortby": sortby},
        )

    @task(3)
    def vacancy_list_filtered(self):
        params = {"sortby": random.choice(SORTINGS)}
        for field in random.sample(["country", "occupation", "sector", "housing", "search"], 2):
            if field == "housing":
                params["housing"] = "1"
            elif field == "search":
                params["search"] = random.choice(SEARCH_WORDS)
            elif self.filters[field]:
                params[field] = random.choice(self.filters[field])
        # an empty result is a right answer too: the marker is the filter form
        self._get("/my/vacancies", "/my/vacancies?filters", 'name="sortby"', params=params)

    @task(3)
    def vacancy_page(self):
        if self.vacancies:
            self._vacancy()

    @task(2)
    def matches(self):
        text = self._get("/my/matches", "/my/matches", "o_mrc_cards")
        if text and "/my/matches/page/2" in text and random.random() < 0.5:
            self._get("/my/matches/page/2", "/my/matches/page/[n]", "o_mrc_cards")

    @task(1)
    def interested(self):
        if not self.vacancies:
            return
        job_id = self._vacancy()
        if not job_id or job_id not in self.csrf:
            return
        with self.client.post(
            f"/my/vacancies/{job_id}/interest",
            data={"csrf_token": self.csrf[job_id], "consent": "1"},
            name="/my/vacancies/[id]/interest",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code in (302, 303) and "done=1" in location:
                response.success()
            else:
                response.failure(f"interest in {job_id} answered {response.status_code}")
