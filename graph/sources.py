"""How ingested files are named in the graph, portably: a Source's key (and every record's `source`) is the
file's path from the folder given to ingest, that folder's name first (`corpus/2021/a.txt`); the Source's
`root` says where that folder's parent is, relative to the store's home (an embedded store's folder, the
working directory for a server). No absolute path of the ingesting machine is stored, and a graph opened
from another working directory, or moved with its corpus, still finds its files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph import cypher
from graph.store import GraphStore
from loaders.reader import iter_input_files


def home(store: GraphStore) -> Path:
    """Where Source roots are counted from: the embedded store's folder, else the working directory."""
    path = getattr(store, "path", None)  # EmbeddedFalkorStore: the database file, resolved
    return path.parent if isinstance(path, Path) else Path.cwd().resolve()


def relative(target: Path, base: Path) -> str:
    """`target` from `base` as POSIX text (`../data`), with `..` where needed."""
    return Path(os.path.relpath(target.resolve(), base.resolve())).as_posix()


def input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, folder it was given in) for the files under `paths`: a folder named is its files' folder, a
    file named stands in its own folder."""
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for file in iter_input_files([path]):
            yield file, folder


@dataclass(slots=True)
class SourceNames:
    """Source keys for files on this machine: the one a file already has (whatever spelling of its path it
    was given by), else a new one from the folder given, not taken by another file."""

    home: Path
    roots: dict[str, str] = field(default_factory=dict)  # key -> root
    _keys: dict[Path, str] = field(default_factory=dict)  # resolved file -> key

    @classmethod
    def of(cls, store: GraphStore) -> SourceNames:
        names = cls(home(store))
        for row in store.read(cypher.SOURCE_ROOTS):
            names.add(row["path"], row["root"] or ".")
        return names

    def add(self, key: str, root: str) -> None:
        self.roots[key] = root
        self._keys[self.file(key).resolve()] = key

    def file(self, key: str) -> Path:
        """Where the file of source `key` is on this machine (it may be gone)."""
        return self.home / self.roots.get(key, ".") / key

    def name(self, file: Path, folder: Path) -> str:
        resolved = file.resolve()
        if resolved in self._keys:
            return self._keys[resolved]
        base = folder.resolve().parent
        key = resolved.relative_to(base).as_posix()
        while key in self.roots and base != base.parent:  # a namesake in another folder: name more of the path
            base = base.parent
            key = resolved.relative_to(base).as_posix()
        self.add(key, relative(base, self.home))
        return key

    def matching(self, path: Path) -> list[str]:
        """Keys of the sources a path given to `remove` names: the file, the files under a folder, or keys
        as stored (`corpus/a.txt`, `corpus`)."""
        resolved = path.resolve()
        text = path.as_posix().rstrip("/")
        found = []
        for key in self.roots:
            file = self.file(key).resolve()
            if file == resolved or resolved in file.parents or key == text or key.startswith(text + "/"):
                found.append(key)
        return sorted(found)


def source_files(store: GraphStore) -> dict[str, Path]:
    """Source key -> its file on this machine (which may be gone: callers read what they can)."""
    names = SourceNames.of(store)
    return {key: names.file(key) for key in names.roots}
