"""`newsreader marks export/import`: marks land on the same stories in another library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_follow import _dump

from newsreader.store import Importer, Library


def _sightings(lib: Library) -> dict[int, list[tuple]]:
    """Each story's sightings as (dump SHA-256, role, position), in arrival order."""
    out: dict[int, list[tuple]] = {}
    for story_id, sha, role, position in lib.conn.execute(
        "SELECT s.story_id, d.sha256, s.role, s.position FROM sources s "
        "JOIN dumps d ON d.id = s.dump_id ORDER BY s.id"
    ):
        out.setdefault(story_id, []).append((sha, role, position))
    return out


def _run(library: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreader", "--library", str(library), *args],
                          capture_output=True, text=True, timeout=120)


def test_marks_moved_between_libraries_land_on_the_same_stories(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    paths = []
    for i in range(30):
        paths.append(folder / f"{i:02d}.txt")
        paths[-1].write_bytes(_dump(i))
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with Library.open(a) as lib:
        importer = Importer(lib, parallel=False)
        for path in paths:
            importer.import_paths([path])
        ids = [s.id for s in lib.iter_stories()]
        lib.set_read(ids[::3])
        lib.set_starred(ids[1::4])
        marks_a = {s.id: (s.read, s.starred) for s in lib.iter_stories()}
        seen_a = _sightings(lib)
    with Library.open(b) as lib:
        # Another order (other row ids), without the last five dumps.
        importer = Importer(lib, parallel=False)
        for path in reversed(paths[:25]):
            importer.import_paths([path])
        already = next(s.id for s in lib.iter_stories() if not s.has_body)
        lib.set_starred([already])
    marks = tmp_path / "marks.json"
    exported = _run(a, "marks", "export", str(marks))
    assert exported.returncode == 0, exported.stderr
    imported = _run(b, "marks", "import", str(marks), "--json")
    assert imported.returncode == 0, imported.stderr
    counts = json.loads(imported.stdout)
    assert counts["stories"] == sum(r or s for r, s in marks_a.values())
    assert counts["matched"] > 0 and counts["missing"] > 0
    with Library.open(b) as lib:
        seen_b = _sightings(lib)
        where_b = {sighting: story_id for story_id, seen in seen_b.items() for sighting in seen}
        marks_b = {s.id: (s.read, s.starred) for s in lib.iter_stories()}
    # Where A's marked story is in B (one of its first sightings is there), B's story
    # holding that sighting has the mark; B marks nothing A did not mark there.
    expected: dict[int, list[bool]] = {i: [False, i == already] for i in marks_b}
    for story_id, (read, starred) in marks_a.items():
        target = next((where_b[x] for x in seen_a[story_id][:3] if x in where_b), None)
        if target is not None:
            expected[target][0] |= read
            expected[target][1] |= starred
    assert {i: tuple(v) for i, v in expected.items()} == marks_b
    assert marks_b[already][1]  # an existing mark is never cleared
    # Importing the same file again changes nothing.
    again = json.loads(_run(b, "marks", "import", str(marks), "--json").stdout)
    assert again["changed"] == 0


def test_a_file_that_is_not_a_marks_file_is_refused_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    proc = _run(tmp_path / "lib.sqlite3", "marks", "import", str(bad))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "not a marks file" in proc.stderr
