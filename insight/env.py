"""Reading settings from the environment (see .env.example)."""

import os


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes"}


def env_list(name, default=""):
    """Comma-separated values, blanks left out: " " is an empty list."""
    values = os.environ.get(name, default).split(",")
    return [value.strip() for value in values if value.strip()]


def env_int(name, default):
    return int(os.environ.get(name) or default)
