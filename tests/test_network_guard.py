"""The test run itself refuses network connections (see conftest)."""

import socket

import pytest

from conftest import NetworkAccessError


def test_tcp_connection_fails_the_test() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAccessError):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()


def test_name_lookup_fails_the_test() -> None:
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.org", 80)
