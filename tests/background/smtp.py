"""A real SMTP server for the worker's tests (aiosmtpd, on a free port) that
can refuse mail, stall, go down, and recover, and keeps what it accepted."""

import asyncio
import threading
import time
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller


class FlakyHandler:
    def __init__(self):
        self.mode = "accept"  # or "refuse", "stall"
        self.stall_seconds = 3
        self.delay_seconds = 0.0  # each accepted message takes this long
        self.connections = 0
        self.delivered = []  # (recipient, subject), as accepted
        self.bodies = []
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            return "451 4.3.2 Not accepting mail now"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "stall":
            await asyncio.sleep(self.stall_seconds)
            return "451 4.4.2 Timed out"
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        message = message_from_bytes(envelope.content)
        subject = message["Subject"]
        with self.lock:
            self.bodies.append(message.get_payload(decode=True).decode())
            for recipient in envelope.rcpt_tos:
                self.delivered.append((recipient, subject))
        return "250 Message accepted"

    def counts(self):
        with self.lock:
            return Counter(recipient for recipient, _ in self.delivered)

    def wait_for(self, condition, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self):
                return True
            time.sleep(0.1)
        return False


class SmtpServer:
    def __init__(self, port):
        self.port = port
        self.handler = FlakyHandler()
        self.controller = None

    def __enter__(self):
        self.come_back()
        return self

    def go_down(self):
        """Stop listening: connections are refused, as by a server that is off."""
        self.controller.stop()
        self.controller = None

    def come_back(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def handler_connections(self):
        with self.handler.lock:
            return self.handler.connections

    @property
    def bodies(self):
        return self.handler.bodies

    def wait_for(self, condition, timeout=60):
        return self.handler.wait_for(condition, timeout)

    def __exit__(self, *exc):
        if self.controller:
            self.controller.stop()
