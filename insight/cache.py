"""Django's Redis cache, made optional: if Redis cannot be reached the site
carries on without it (every read is a miss, every write is dropped)."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, RedisError, TimeoutError

logger = logging.getLogger(__name__)

# After a failure, leave Redis alone this long (seconds), so each page does
# not wait for a connection that is not there.
RETRY_AFTER = 5


class FailSoftRedisCacheClient(RedisCacheClient):
    # Shared by every thread's client in this process, keyed by server list.
    _down_until = {}

    def _try(self, method, fallback, *args):
        servers = tuple(self._servers)
        if time.monotonic() < self._down_until.get(servers, 0):
            return fallback
        try:
            return method(*args)
        except (ConnectionError, TimeoutError) as error:
            self._down_until[servers] = time.monotonic() + RETRY_AFTER
            logger.warning(
                "Cache unavailable (%s); carrying on without it for %s s",
                type(error).__name__,
                RETRY_AFTER,
            )
            return fallback
        except RedisError as error:
            # Redis answered but refused this one command (out of memory,
            # say): the server is up, so everything else carries on using it.
            logger.warning("Cache refused a command (%s)", type(error).__name__)
            return fallback

    def add(self, key, value, timeout):
        return self._try(super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._try(super().get, default, key, default)

    def set(self, key, value, timeout):
        return self._try(super().set, None, key, value, timeout)

    def touch(self, key, timeout):
        return self._try(super().touch, False, key, timeout)

    def delete(self, key):
        return self._try(super().delete, False, key)

    def get_many(self, keys):
        return self._try(super().get_many, {}, keys)

    def has_key(self, key):
        return self._try(super().has_key, False, key)

    def incr(self, key, delta):
        missing = object()
        value = self._try(super().incr, missing, key, delta)
        if value is missing:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def set_many(self, data, timeout):
        return self._try(super().set_many, None, data, timeout)

    def delete_many(self, keys):
        return self._try(super().delete_many, None, keys)

    def clear(self):
        return self._try(super().clear, False)


class FailSoftRedisCache(RedisCache):
    """Use as a cache BACKEND wherever Django's RedisCache would go."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
