"""Small loopback servers the failure tests run in threads: a TCP proxy and two SMTP servers.

Everything listens on 127.0.0.1 only, every socket has a timeout, and `stop()` joins the threads.
"""

import contextlib
import socket
import socketserver
import threading

LOOPBACK = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_answers(port, host=LOOPBACK, timeout=1.0):
    try:
        socket.create_connection((host, port), timeout).close()
    except OSError:
        return False
    return True


class TCPProxy:
    """Forwards 127.0.0.1:<port> to a target; `stop()` drops every connection, like a dead server.

    `start()` again listens on the same port, so a client configured with it just reconnects.
    `stall()` makes it a silent server instead: it keeps accepting and reading, and never
    answers (nor forwards) anything; `stop()` then `start()` brings it back.
    """

    def __init__(self, target_port, port=None):
        self.target = (LOOPBACK, target_port)
        self.port = port or free_port()
        self.listener = None
        self.sockets = set()
        self.threads = []
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((LOOPBACK, self.port))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.running = True
        self.stalled = False
        self._spawn(self._accept_loop)
        return self

    def _spawn(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        self.threads.append(thread)
        thread.start()

    def _accept_loop(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.stalled:
                with self.lock:
                    self.sockets.add(client)
                self._spawn(self._swallow, client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.update({client, upstream})
            self._spawn(self._pipe, client, upstream)
            self._spawn(self._pipe, upstream, client)

    def _pipe(self, source, sink):
        source.settimeout(0.5)
        while self.running:
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            if self.stalled:
                continue  # read, never forwarded: the other side waits for ever
            try:
                sink.sendall(data)
            except OSError:
                break
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _swallow(self, client):
        client.settimeout(0.5)
        while self.running:
            try:
                if not client.recv(65536):
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def stall(self):
        self.stalled = True

    def stop(self):
        self.running = False
        with contextlib.suppress(OSError):
            self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()
        for thread in self.threads:
            thread.join(5)
        self.threads = []


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class RefusingSMTPHandler(socketserver.StreamRequestHandler):
    """A mail server that is up but refuses everything: 554 at once, then hangs up."""

    def handle(self):
        self.wfile.write(b"554 5.3.2 No service here\r\n")


class AcceptingSMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages; each one is kept in `server.received`."""

    timeout = 5

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 127.0.0.1 test SMTP")
        for _ in range(200):  # bounded: a session never needs more commands than this
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 127.0.0.1")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.received.append(self._read_data())
                self.reply("250 OK queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Not implemented")

    def _read_data(self):
        lines = []
        for _ in range(100_000):
            line = self.rfile.readline()
            if not line or line in (b".\r\n", b".\n"):
                break
            lines.append(line)
        return b"".join(lines).decode("utf-8", "replace")


class SMTPServer:
    def __init__(self, handler):
        self.server = _Server((LOOPBACK, 0), handler)
        self.server.received = []
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.1,), daemon=True)

    @property
    def received(self):
        return self.server.received

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
