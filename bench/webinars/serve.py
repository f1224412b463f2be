"""Serve the portal (bench settings) with Django's threaded WSGI server until killed."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.webinars.settings")


def main(port: int) -> None:
    import django

    django.setup()
    import socket

    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    class NoDelayServer(WSGIServer):
        """Small responses leave at once: without TCP_NODELAY, the body written after the
        headers waits for the client's delayed ACK (~40 ms) and every page looks slow."""

        def get_request(self):
            connection, address = super().get_request()
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return connection, address

    # Request lines go to the "django.server" logger, silenced in bench.webinars.settings.
    run("127.0.0.1", port, get_wsgi_application(), threading=True, server_cls=NoDelayServer)


if __name__ == "__main__":
    main(int(sys.argv[1]))
