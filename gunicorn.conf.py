"""gunicorn settings, from the environment: gunicorn -c gunicorn.conf.py insight.wsgi"""

import os
import sys

from gunicorn.glogging import Logger

from insight.log import redact, summary

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Replace workers now and then, so a slow leak never builds up; seldom enough
# that a busy site does not restart them every minute, and at different
# times (the jitter), so they never all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# The reverse proxy's addresses: only they may say a request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# One control socket a user would clash between instances; signals do the job.
control_socket_disable = True

# One line a request on standard output: no client address, no query string,
# no referrer, and confirmation links shortened (they carry personal data).
accesslog = "-"
errorlog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact(atoms["U"] or "")
        return atoms

    def exception(self, msg, *args, **kwargs):
        # "Error handling request GET <address>" when an exception escapes
        # Django (a streamed answer failing part-way): one line as Django's
        # are, for the address may carry a link or a query string, and a
        # traceback would repeat the exception's message
        line = redact(msg % args if args else msg)
        exception = sys.exc_info()[1]
        if exception is not None:
            line += summary(exception)
        super().error(line)

    def warning(self, msg, *args, **kwargs):
        # "Invalid request from ip=<client address>: ..."
        super().warning(redact(msg % args if args else msg), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(redact(msg % args if args else msg), **kwargs)


logger_class = RedactingLogger


def child_exit(server, worker):
    # /metrics adds up every worker's counts (PROMETHEUS_MULTIPROC_DIR): a
    # worker that has gone keeps its counts but not its live values
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
