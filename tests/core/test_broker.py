"""The embedded broker of local runs: a worker never sees a message before it is written whole
(kombu's own filesystem transport creates the file first and writes it after, and a worker that
reads it in between stops with a JSON error)."""

import os

import pytest
from kombu import Connection
from kombu.transport import filesystem

from consult.core import broker


def folders(tmp_path) -> dict[str, str]:
    out = tmp_path / "out"
    out.mkdir()
    return {"data_folder_in": str(out), "data_folder_out": str(out), "store_processed": False}


def visible_while_writing(monkeypatch, tmp_path, module, transport) -> list[int]:
    """Put one message; return the sizes of the queue's message files seen while its body was
    being serialised."""
    seen: list[int] = []
    options = folders(tmp_path)
    real_dumps = module.dumps

    def dumps(payload):
        folder = options["data_folder_out"]
        seen.extend(
            os.path.getsize(os.path.join(folder, name))
            for name in os.listdir(folder)
            if name.endswith(".jobs.msg")
        )
        return real_dumps(payload)

    monkeypatch.setattr(module, "dumps", dumps)
    with Connection("filesystem://", transport=transport, transport_options=options) as conn:
        queue = conn.SimpleQueue("jobs")
        queue.put({"task": "responses.send_confirmation", "id": 7})
        message = queue.get(timeout=1)
        assert message.payload == {"task": "responses.send_confirmation", "id": 7}
        message.ack()
        queue.close()
    return seen


def test_a_message_is_not_visible_until_it_is_written_whole(monkeypatch, tmp_path):
    assert visible_while_writing(monkeypatch, tmp_path, broker, broker.Transport) == []


def test_kombus_own_transport_shows_an_empty_file_meanwhile(monkeypatch, tmp_path):
    """What the test above guards against: the race is real in kombu's transport."""
    assert visible_while_writing(monkeypatch, tmp_path, filesystem, filesystem.Transport) == [0]


def test_filesystem_urls_use_the_whole_message_transport():
    from consult.celery import app

    with app.connection_for_write("filesystem://") as conn:
        assert isinstance(conn.transport, broker.Transport)


@pytest.mark.parametrize("url", ["memory://", "redis://127.0.0.1:6379/0"])
def test_other_brokers_are_untouched(url):
    from consult.celery import app

    with app.connection_for_write(url) as conn:
        assert not isinstance(conn.transport, broker.Transport)


def test_the_brokers_of_local_runs_and_tests_connect_without_a_warning(caplog, settings):
    """kombu warns "No hostname was supplied" on every connection to a URL without a host (the
    bare "memory://" below, once): the default URL of local runs and the tests' URL name one."""
    from consult.celery import app

    with caplog.at_level("WARNING", logger="kombu.connection"):
        for url in ("filesystem://localhost/", settings.CELERY_BROKER_URL, "memory://"):
            with app.connection_for_write(url) as conn:
                conn.info()
    warnings = [r.getMessage() for r in caplog.records if r.name == "kombu.connection"]
    assert warnings == ["No hostname was supplied. Reverting to default 'localhost'"]
