"""Only one moderator can hold an item, even when two claim it at the same moment.

This needs real row locks (SELECT … FOR UPDATE) and two database connections, so it runs on
PostgreSQL; CI always runs the suite on PostgreSQL as well as SQLite.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from questions import moderation
from questions.models import Submission
from tests.factories import make_submission, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; this runs on PostgreSQL (CI always runs it there)",
    ),
]


def _in_thread(target):
    """Run `target` on its own connection and give back what it returned or raised."""
    outcome = {}

    def run():
        try:
            outcome["result"] = target()
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_second_claim_waits_for_the_first_and_is_refused():
    alice, bob = make_user(role="moderator"), make_user(role="moderator")
    item = make_submission()
    locked, release = threading.Event(), threading.Event()

    def alice_claims_and_holds():
        with transaction.atomic():
            moderation.claim(item, by=alice)
            locked.set()
            release.wait(5)  # still inside the transaction: the row stays locked

    def bob_claims():
        locked.wait(5)
        started = time.monotonic()
        try:
            moderation.claim(item, by=bob)
        finally:
            waited["seconds"] = time.monotonic() - started

    waited = {}
    first, first_outcome = _in_thread(alice_claims_and_holds)
    second, second_outcome = _in_thread(bob_claims)
    time.sleep(0.5)  # bob is now blocked on alice's lock
    release.set()
    first.join(10)
    second.join(10)

    assert "error" not in first_outcome
    assert isinstance(second_outcome.get("error"), moderation.AlreadyClaimed)
    assert waited["seconds"] >= 0.4  # bob waited for the lock rather than reading stale data
    item.refresh_from_db()
    assert item.assigned_to == alice
    assert item.changes.filter(action="claim").count() == 1


def test_many_moderators_racing_one_wins():
    moderators = [make_user(role="moderator") for _ in range(6)]
    item = make_submission()
    start = threading.Barrier(len(moderators))

    def claim_as(user):
        def claim():
            start.wait(5)
            return moderation.claim(item, by=user)

        return claim

    runs = [_in_thread(claim_as(user)) for user in moderators]
    for thread, _ in runs:
        thread.join(10)
    winners = [o for _, o in runs if "result" in o]
    losers = [o for _, o in runs if isinstance(o.get("error"), moderation.AlreadyClaimed)]
    assert (len(winners), len(losers)) == (1, len(moderators) - 1)
    item = Submission.objects.get(pk=item.pk)
    assert item.assigned_to == winners[0]["result"].assigned_to
    assert item.changes.filter(action="claim").count() == 1
