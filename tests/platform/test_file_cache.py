"""The file cache the embedded default keeps page versions in: every worker
process sees each change, while a file that has not changed is not read
again."""

import os
import time
from pathlib import Path

import pytest

from insight.file_cache import StatCheckedFileCache


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "versions"


def worker(cache_dir):
    """The cache as one worker process has it: its own reads kept."""
    return StatCheckedFileCache(str(cache_dir), {})


def settle(cache, key):
    """Make the key's file look written a second ago, as most are when read."""
    path = cache._key_to_file(key)
    written = os.stat(path).st_mtime_ns - 1_000_000_000
    os.utime(path, ns=(written, written))
    return path


def overwrite_in_place(cache, key, value):
    """Put value in the key's file by writing over its bytes, keeping its
    inode, size and modified time: what no write by the cache does."""
    path = cache._key_to_file(key)
    found = os.stat(path)
    cache.set("elsewhere", value)
    new = Path(cache._key_to_file("elsewhere")).read_bytes()
    assert len(new) == found.st_size
    with open(path, "r+b") as file:
        file.write(new)
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns))


def test_a_value_another_worker_replaces_is_read_afresh(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("version", ("first", 1))
    settle(writer, "version")
    assert reader.get("version") == ("first", 1)
    writer.set("version", ("other", 2))  # the same size, written at once
    assert reader.get("version") == ("other", 2)
    settle(writer, "version")  # even with the same modified time as before
    writer.set("version", ("third", 3))
    settle(writer, "version")
    assert reader.get("version") == ("third", 3)


def test_a_settled_file_is_not_read_again_until_it_changes(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("version", "a" * 40)
    settle(writer, "version")
    assert reader.get("version") == "a" * 40
    overwrite_in_place(writer, "version", "b" * 40)
    assert reader.get("version") == "a" * 40, "the file was read again"
    assert worker(cache_dir).get("version") == "b" * 40


def test_a_file_just_written_is_read_again_even_when_it_looks_the_same(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("version", "a" * 40)
    assert reader.get("version") == "a" * 40
    # as a second write within the same clock tick might look: not trusted
    overwrite_in_place(writer, "version", "b" * 40)
    assert reader.get("version") == "b" * 40


def test_a_deleted_value_is_gone_for_every_worker(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("version", 7)
    settle(writer, "version")
    assert reader.get("version") == 7
    writer.delete("version")
    assert reader.get("version", "gone") == "gone"


def test_an_expired_value_is_gone_even_when_kept(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("version", 7, timeout=0.3)
    path = settle(writer, "version")
    assert reader.get("version") == 7
    time.sleep(0.4)
    assert reader.get("version", "gone") == "gone"
    assert not os.path.exists(path)


def test_changing_a_value_read_leaves_the_cache_as_it_was(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set("versions", [1, 2])
    settle(writer, "versions")
    reader.get("versions").append(3)
    assert reader.get("versions") == [1, 2]


def test_get_many_reads_through_the_same_checks(cache_dir):
    writer, reader = worker(cache_dir), worker(cache_dir)
    writer.set_many({"site": 1, "article": 2})
    settle(writer, "site")
    settle(writer, "article")
    assert reader.get_many(["site", "article", "none"]) == {"site": 1, "article": 2}
    writer.set("article", 3)
    assert reader.get_many(["site", "article"]) == {"site": 1, "article": 3}
