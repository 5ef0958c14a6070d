"""The site as gunicorn serves it, plus two addresses whose answers fail
after Django has handed them over, as a streamed export does when the
database goes away part-way: the exception escapes to gunicorn."""

from insight.wsgi import application as site


def rows(fail_after):
    yield from (f"row {number}\n".encode() for number in range(fail_after))
    raise ValueError(
        "words-from-the-exception-message reader@example.org 198.51.100.23"
    )


def application(environ, start_response):
    fail_after = {"/fails-at-once/": 0, "/fails-part-way/": 3}.get(environ["PATH_INFO"])
    if fail_after is None:
        return site(environ, start_response)
    start_response("200 OK", [("Content-Type", "text/csv")])
    return rows(fail_after)
