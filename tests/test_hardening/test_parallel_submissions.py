"""50 people send a question at the same moment to a production server on PostgreSQL
(gunicorn, two worker processes): 50 rows, 50 different references, no errors."""

import re
import threading
import time
import uuid

import psycopg
import pytest
from django.db import connection

from .live import Browser, gunicorn, hidden_value, manage, postgres_available, scratch_database

PEOPLE = 50
MIN_SECONDS_TO_FILL = 5  # the form's own minimum, which this real server keeps

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a production server on PostgreSQL; this runs in the PostgreSQL pass",
)


def _prepare(browser, n):
    ask = browser.get("/ask/")[1]
    question = f"Question number {n}: can my landlord enter my flat without asking?"
    step1 = browser.post(
        "/ask/",
        {
            "question": question,
            "started": hidden_value(ask, "started"),
            "csrfmiddlewaretoken": hidden_value(ask, "csrfmiddlewaretoken"),
        },
    )[1]
    return {
        "draft": hidden_value(step1, "draft"),
        "csrfmiddlewaretoken": hidden_value(step1, "csrfmiddlewaretoken"),
        "send": "1",
    }


def _send(browser, data, go, results, n):
    try:
        go.wait(60)  # everyone presses "Send" together
        status, _, headers = browser.post("/ask/details/", data)
        assert status == 302, status
        status, body, _ = browser.get(headers["Location"])
        assert status == 200, status
        results[n] = re.search(r"Q-[2-9A-Z]{4}-[2-9A-Z]{4}", body).group(0)
    except Exception as exc:
        results[n] = exc


def test_fifty_parallel_submissions(tmp_path):
    if not postgres_available():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"harden_live_{uuid.uuid4().hex[:10]}"
    with scratch_database(name) as url:
        manage(url, "migrate", "--noinput")
        # Behind the load balancer each person is counted by the address it forwards.
        with gunicorn(
            url, tmp_path / "gunicorn.log", workers=2, threads=8, TRUST_X_FORWARDED_FOR="1"
        ) as server:
            browsers = [
                Browser(server.base, headers={"X-Forwarded-For": f"198.51.100.{n + 1}"})
                for n in range(PEOPLE)
            ]
            forms = [_prepare(browser, n) for n, browser in enumerate(browsers)]
            time.sleep(MIN_SECONDS_TO_FILL + 0.5)  # people take time to type
            go = threading.Barrier(PEOPLE)
            results = {}
            threads = [
                threading.Thread(target=_send, args=(browsers[n], forms[n], go, results, n))
                for n in range(PEOPLE)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(90)
            assert not any(thread.is_alive() for thread in threads)

        errors = {n: r for n, r in results.items() if isinstance(r, Exception)}
        assert not errors
        references = set(results.values())
        assert len(references) == PEOPLE
        with psycopg.connect(url, connect_timeout=5) as db:
            rows = db.execute("SELECT reference, question FROM questions_submission").fetchall()
        assert len(rows) == PEOPLE
        assert {reference for reference, _ in rows} == references
        assert {question.split(":")[0] for _, question in rows} == {
            f"Question number {n}" for n in range(PEOPLE)
        }
