"""The preview server answers every request with an HTTP status, and a classroom at once."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kejiao.devserver import Broadcast, make_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<html><body>页面</body></html>", "utf-8")
    (tmp_path / "404.html").write_text("<html><body>找不到</body></html>", encoding="utf-8")
    instance = make_server(tmp_path, "127.0.0.1", 0, Broadcast())
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance.server_address[1]
    instance.shutdown()
    instance.server_close()


def _status(port: int, path: str, method: str = "GET") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/" + "a" * 300 + "/", {404, 414}),  # one path component over 255 bytes
        ("/" + "a" * 300 + ".html", {404, 414}),
        ("/" + "%E4%B8%AD" * 100 + "/index.html", {404, 414}),
        ("/page%00/", {400, 404}),  # a NUL byte
        ("/%ED%A0%80/", {400, 404}),  # an encoded lone surrogate
        ("/%ff%fe/", {400, 404}),  # not UTF-8
        ("/../../../../etc/passwd", {404}),
        ("/page/", {200}),
    ],
)
def test_malformed_paths_get_a_status(server: int, path: str, expected: set[int]) -> None:
    assert _status(server, path) in expected
    assert _status(server, "/page/") == 200  # and the server is still there


def test_two_hundred_requests_at_once_are_all_answered(server: int) -> None:
    barrier = threading.Barrier(200)
    statuses: list[object] = []

    def client() -> None:
        barrier.wait()
        try:
            statuses.append(_status(server, "/page/"))
        except OSError as exc:
            statuses.append(repr(exc))

    threads = [threading.Thread(target=client) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [200] * 200


def test_the_listen_backlog_fits_a_classroom(tmp_path: Path) -> None:
    instance = make_server(tmp_path, "127.0.0.1", 0, Broadcast())
    try:
        assert instance.request_queue_size >= 128
    finally:
        instance.server_close()
