"""Issue 23, finding 7: nginx's access log never ties an address to what someone looked for.

The probe found searches, postcodes and the question's thanks token (which decodes to its
reference) in the log beside the full address, kept for ever, while the privacy notice said the
address is never stored. Real nginx (deploy/nginx.conf.template), nothing behind it: what it
logs does not depend on the answer.
"""

from .servers import free_port
from .test_front_stack import _nginx_installed, nginx_in_front  # noqa: F401 (fixture)

SECRETS = ("SW1A", "1AA", "harassment", "my+ex", "Zk9yZXZlcg", "Q-7KX3-PLM")


def test_the_access_log_keeps_no_query_token_reference_or_whole_address(tmp_path):
    prefix = tmp_path / "nginx"
    with nginx_in_front(free_port(), prefix) as front:
        for path in (
            "/search/?q=harassment+my+ex",
            "/forces/find/?q=SW1A+1AA",
            "/ask/thanks/Zk9yZXZlcg:1abc:xyz/",
            "/cy/ask/status/Q-7KX3-PLM/",
            "/ask/status/?reference=Q-7KX3-PLM",
            "/q/497/what-is-stalking/",
        ):
            front.get(path)
    log = (prefix / "access.log").read_text()
    lines = log.splitlines()
    assert len(lines) == 6, log
    for secret in SECRETS:
        assert secret not in log, secret
    assert "127.0.0.1" not in log
    assert all(line.startswith("127.0.0.0 ") for line in lines), log
    # What is left is still useful: the page, the status, and a question page without its token.
    assert '"GET /search/ HTTP/1.1"' in log and '"GET /forces/find/ HTTP/1.1"' in log
    assert '"GET /ask/thanks/-/ HTTP/1.1"' in log and '"GET /cy/ask/status/-/ HTTP/1.1"' in log
    assert '"GET /q/497/what-is-stalking/ HTTP/1.1"' in log
