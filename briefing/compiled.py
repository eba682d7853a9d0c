"""Compiled templates kept between builds: Jinja's bytecode, keyed (as Jinja does) by the template's name and
file and checked against its source's checksum, so an edited template is compiled again.

Two layers: memory, for the process (MkDocs makes a new Jinja environment for each build: each edition, each
of a serve's rebuilds), and Jinja's own FileSystemBytecodeCache on disk (a folder in the temporary directory
that only this user may read), so a new process does not compile the templates of the last one again. The
files' names carry a fingerprint of what else decides the compiled code: Jinja's, MkDocs' and Material's
versions, Python's, and the source of the generator's environment (pages/render.py). A cache that cannot be
written (a read-only temporary directory) costs nothing but the compiling.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from importlib import metadata
from pathlib import Path

import jinja2
import jinja2.bccache


def _fingerprint() -> str:
    versions = [sys.version, *(metadata.version(name) for name in ("jinja2", "mkdocs", "mkdocs-material"))]
    digest = hashlib.sha256(" ".join(versions).encode())
    digest.update((Path(__file__).parent / "pages" / "render.py").read_bytes())
    return digest.hexdigest()[:16]


def _disk() -> jinja2.FileSystemBytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__briefing_{_fingerprint()}_%s.cache")
    except (OSError, RuntimeError, metadata.PackageNotFoundError):  # no safe folder: compile every time
        return None


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory for the process, and on disk between processes (`disk`)."""

    def __init__(self, disk: bool = True) -> None:
        self.codes: dict[str, bytes] = {}
        self.disk = _disk() if disk else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checked against the source's checksum, as from disk
            return
        if self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)
            except (OSError, ValueError, EOFError):  # an unreadable or truncated file: compile
                bucket.reset()
            if bucket.code is not None:
                self.codes[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            with contextlib.suppress(OSError):  # the next process compiles it again
                self.disk.dump_bytecode(bucket)
