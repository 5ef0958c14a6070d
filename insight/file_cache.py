"""Django's file cache, for a few small values read on every request."""

import os
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class StatCheckedFileCache(FileBasedCache):
    """Django's FileBasedCache, shared by every worker process on a machine,
    where a process reads a file again only when it has changed.

    Readers' cached pages read their versions (pagecache/) on every request:
    opening, unpickling and decompressing each file costs as much as the rest
    of answering the page. Here a process keeps what it read, and a stat of
    the file says whether that is still what the file holds. The cache only
    ever replaces a file whole (written apart, then renamed: a new inode) or
    touches it (a new modification time), so a file whose inode, size and
    modification time are unchanged holds the same value.

    A file's modification time is only as fine as the kernel's clock tick, and
    a freed inode may be reused: two writes within one tick could look alike.
    So a read is kept only once the file is older than SETTLED_NS; any later
    write then has a later time.
    """

    SETTLED_NS = 100_000_000
    # a bound on what each process keeps; past it, it starts again
    KEPT_FILES = 10_000

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._paths = {}  # (key, version) -> the file's path
        self._read = {}  # path -> (signature, expiry, pickled value)

    def get(self, key, default=None, version=None):
        path = self._path(key, version)
        try:
            found = os.stat(path)
        except FileNotFoundError:
            return default
        signature = (found.st_ino, found.st_mtime_ns, found.st_size)
        kept = self._read.get(path)
        if kept is None or kept[0] != signature:
            kept = self._read_file(path, signature)
        if kept is None:
            return default
        _signature, expiry, pickled = kept
        if expiry is not None and expiry < time.time():
            self._read.pop(path, None)
            return super().get(key, default, version)  # deletes the file
        # unpickled afresh each time, so a caller may change what it gets
        return pickle.loads(pickled)

    def _path(self, key, version):
        path = self._paths.get((key, version))
        if path is None:
            if len(self._paths) >= self.KEPT_FILES:
                self._paths.clear()
            path = self._paths[(key, version)] = self._key_to_file(key, version)
        return path

    def _read_file(self, path, signature):
        try:
            with open(path, "rb") as file:
                try:
                    expiry = pickle.load(file)
                except EOFError:  # being written: Django counts it as expired
                    return None
                pickled = zlib.decompress(file.read())
        except FileNotFoundError:
            return None
        kept = (signature, expiry, pickled)
        _inode, modified_ns, _size = signature
        if time.time_ns() - modified_ns >= self.SETTLED_NS:
            if len(self._read) >= self.KEPT_FILES:
                self._read.clear()
            self._read[path] = kept
        return kept
