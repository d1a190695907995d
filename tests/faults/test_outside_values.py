"""Classes 4-9 of issue 15: what is inside a file from outside.

Drawings that reach outside themselves, dates without bounds, imports of any shape,
control and bidirectional-override characters, markup behind numeric entities, lists
without caps, export targets that are not files, pauses that end before they start,
``"version": true``, a program file that is a link, and the message of an import that
fails inside the data folder.  Each through the real command line, bounded in time,
with one located line, the user's file untouched and no traceback.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.faults.outside import (
    RAW_CONTROL,
    example_with,
    fifo,
    plain,
    program_folder,
    run,
    timed,
)
from tests.program_helpers import docs_example

MB = 1024 * 1024
BREAK = {"started_at": "2026-11-23T09:00:00+00:00", "ended_at": "2026-11-23T09:02:00+00:00",
         "outcome": "done", "routine_id": "desk-reset", "steps": []}


def export_json(**parts: object) -> str:
    data: dict[str, object] = {"format": "posture-coach-journal", "version": 1,
                               "breaks": [], "pauses": [], "thermal_sessions": [], "pain": []}
    data.update(parts)
    return json.dumps(data)


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def _programs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "data" / "programs"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.exists() else []


def _refused_everywhere(tmp_path: Path, path: Path, *words: str) -> str:
    """``validate`` and ``program import`` both refuse, located, naming the file."""
    before = path.read_bytes()
    outs = []
    for args in (("validate", str(path)), ("program", "import", "--yes", str(path))):
        out = plain(run(tmp_path, *args, timeout=15), code=1)
        assert f"{path.name}:" in out or f"{path}:" in out, out
        for word in words:
            assert word in out, (word, out)
        outs.append(out)
    assert path.read_bytes() == before
    assert _programs(tmp_path) == []
    return "\n".join(outs)


# --- class 4: drawings escape their folder --------------------------------------------

SECRET_REFS = {
    "image-dotdot": '<image xlink:href="../../outside/secret.png" width="10" height="10"/>',
    "image-absolute": '<image href="{secret}" width="10" height="10"/>',
    "image-file-url": '<image href="file://{secret}" width="10" height="10"/>',
    "use-other-file": '<use href="other.svg#shape"/>',
    "use-xlink-absolute": '<use xlink:href="{secret}#x"/>',
    "style-import": '<style>@import url("{secret}");</style>',
    "style-url": '<rect width="5" height="5" style="fill: url(file://{secret})"/>',
    "feimage": '<filter id="f"><feImage href="{secret}"/></filter>',
    "http-url": '<image href="http://example.invalid/x.png" width="1" height="1"/>',
}
HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="100">\n')


def _svg_cases(secret: Path) -> dict[str, str]:
    cases = {name: HEAD + ref.format(secret=secret) + "\n</svg>\n"
             for name, ref in SECRET_REFS.items()}
    cases["external-entity"] = (
        f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        + HEAD + "<text>&x;</text>\n</svg>\n")
    cases["stylesheet-pi"] = (f'<?xml-stylesheet type="text/css" href="{secret}"?>\n'
                              + HEAD + "</svg>\n")
    return cases


@pytest.mark.parametrize("case", sorted(_svg_cases(Path("/x"))))
def test_a_drawing_that_references_outside_is_refused(tmp_path: Path, case: str) -> None:
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"\x89PNG\r\n\x1a\n secret")
    path = program_folder(tmp_path / "prog" / "inner")
    drawing = path.parent / "pictures" / "towel-wall-slide.svg"
    drawing.write_text(_svg_cases(secret)[case], encoding="utf-8")
    out = _refused_everywhere(tmp_path, path, "towel-wall-slide.svg")
    assert "towel-wall-slide.svg:" in out and "refer" in out, out


def test_a_drawing_with_only_inner_references_is_fine(tmp_path: Path) -> None:
    path = program_folder(tmp_path / "prog")
    (path.parent / "pictures" / "towel-wall-slide.svg").write_text(
        HEAD + '<defs><circle id="c" r="4"/></defs><use href="#c"/><use xlink:href="#c"/>'
        '<rect style="fill: url(#c)" width="3" height="3"/>\n</svg>\n', encoding="utf-8")
    plain(run(tmp_path, "validate", str(path)), code=0)
    plain(run(tmp_path, "program", "import", "--yes", str(path)), code=0)


# --- class 5: dates and numbers without bounds --------------------------------------------


@pytest.mark.parametrize(("old", "new"), [
    ("start: 2026-11-23", "start: 0001-01-01"),
    ("start: 2026-11-23", "start: 1999-12-31"),
    ("review: 2026-12-21", "review: 9999-12-31"),
    ("review: 2026-12-21", "review: 2101-01-01"),
])
def test_program_dates_outside_2000_to_2100_are_refused(tmp_path: Path, old: str,
                                                        new: str) -> None:
    path = program_folder(tmp_path / "prog", example_with(old, new))
    out = _refused_everywhere(tmp_path, path, "2000", "2100")
    assert ":12:" in out or ":13:" in out, out  # the start / review line


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                   "0001-01-01T00:00:00+00:00", "2101-01-01T00:00:00+00:00",
                                   "1999-12-31T23:00:00+00:00"])
def test_import_times_outside_2000_to_2100_are_refused(tmp_path: Path, value: str) -> None:
    rec = dict(BREAK, started_at=value, ended_at=value)
    path = _write(tmp_path, "export.json", export_json(breaks=[rec]))
    out = plain(run(tmp_path, "import", str(path)), names=path)
    assert "breaks[0].started_at" in out and "2000" in out, out


def test_export_carries_every_record_up_to_2100(tmp_path: Path) -> None:
    late = dict(BREAK, started_at="2100-12-31T20:00:00+00:00",
                ended_at="2100-12-31T20:02:00+00:00")
    early = dict(BREAK, started_at="2000-01-01T08:00:00+00:00",
                 ended_at="2000-01-01T08:02:00+00:00")
    path = _write(tmp_path, "export.json", export_json(breaks=[early, late]))
    plain(run(tmp_path, "import", str(path)), code=0)
    out = tmp_path / "again.json"
    plain(run(tmp_path, "export", "--format", "json", "--out", str(out)), code=0)
    starts = [b["started_at"][:10] for b in json.loads(out.read_text())["breaks"]]
    assert starts == ["2000-01-01", "2100-12-31"]


@pytest.mark.parametrize("flag", ["--until", "--since"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_export_bounds_far_away_are_a_plain_refusal(tmp_path: Path, flag: str,
                                                    day: str) -> None:
    path = _write(tmp_path, "export.json", export_json(breaks=[BREAK]))
    plain(run(tmp_path, "import", str(path)), code=0)
    done = run(tmp_path, "export", "--format", "csv", flag, day, "--out",
               str(tmp_path / "x.csv"))
    out = plain(done, code=2)
    assert day in out and "2000" in out, out


# --- class 6: imports of any shape ------------------------------------------------------


@pytest.mark.parametrize("case", ["nested-lists", "nested-objects", "long-number",
                                  "duplicate-keys", "duplicate-top-key", "nan", "huge-float"])
def test_import_shapes_get_a_located_refusal(tmp_path: Path, case: str) -> None:
    body = {
        "nested-lists": '{"format": "posture-coach-journal", "version": 1, "breaks": '
                        + "[" * 200_000 + "]" * 200_000 + "}",
        "nested-objects": '{"a": ' * 100_000 + "1" + "}" * 100_000,
        "long-number": export_json().replace('"version": 1', '"version": 1' + "0" * 4400),
        "duplicate-keys": export_json(breaks=["@@"]).replace(
            '"@@"', json.dumps(BREAK)[:-1] + ', "outcome": "skipped"}'),
        "duplicate-top-key": export_json()[:-1] + ', "format": "other"}',
        "nan": export_json(breaks=["@@"]).replace(
            '"@@"', json.dumps(dict(BREAK, steps=[{"position": 0, "exercise_id": "chin-tuck",
                                                   "status": "done", "seconds": 1}]))
        ).replace('"seconds": 1', '"seconds": NaN'),
        "huge-float": export_json().replace('"version": 1', '"version": 1e999'),
    }[case]
    path = _write(tmp_path, "export.json", body)
    done, took, peak = timed(tmp_path, "import", str(path), timeout=20)
    out = plain(done, names=path)
    assert took < 5, f"{took:.1f} s"
    assert peak < 300, f"{peak} MB"
    words = {"nested-lists": "nested", "nested-objects": "nested", "long-number": "digits",
             "duplicate-keys": "outcome", "duplicate-top-key": "format", "nan": "seconds",
             "huge-float": "version"}[case]
    assert words in out, out
    if case.startswith("duplicate"):
        assert "twice" in out or "duplicate" in out, out


@pytest.mark.parametrize("megabytes", [15, 200])  # under and over the 16 MiB limit
def test_a_big_file_of_bad_records_is_answered_quickly(tmp_path: Path, megabytes: int
                                                       ) -> None:
    path = tmp_path / "in" / "big.json"
    path.parent.mkdir()
    record = json.dumps(dict(BREAK, outcome="nonsense")).encode()
    with open(path, "wb") as fh:
        fh.write(b'{"format": "posture-coach-journal", "version": 1, "breaks": [')
        chunk = b",".join([record] * 1000) + b","
        for _ in range(megabytes * MB // len(chunk)):
            fh.write(chunk)
        fh.write(record + b"]}")
    done, took, peak = timed(tmp_path, "import", str(path), timeout=30)
    plain(done, names=path)
    assert took < 5, f"{took:.1f} s"
    assert peak < 300, f"{peak} MB"


def test_version_true_is_not_version_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "export.json", export_json().replace('"version": 1',
                                                                 '"version": true'))
    out = plain(run(tmp_path, "import", str(path)), names=path)
    assert "version" in out


@pytest.mark.parametrize("until", ["2026-11-23T08:00:00+00:00", "2026-11-23T09:00:00+00:00"])
def test_a_pause_ending_before_it_starts_is_refused(tmp_path: Path, until: str) -> None:
    pause = {"reason": "user", "started_at": "2026-11-23T09:00:00+00:00", "until": until,
             "ended_at": "2026-11-23T08:30:00+00:00"}
    path = _write(tmp_path, "export.json", export_json(pauses=[pause]))
    out = plain(run(tmp_path, "import", str(path)), names=path)
    assert "pauses[0]" in out and "before" in out, out


# --- class 7: text from outside -------------------------------------------------------

TEXTS = {
    "osc-title": r'"Upper back\e]0;pwned\a\e[2J"',
    "bidi-override": '"Upper back \u202egnp.exe"',
    "bidi-isolate": '"Upper back \u2067x\u2069"',
    "nul": r'"Upper\0back"',
    "c1-control": r'"Upper\x9bback"',
    "del": r'"Upper\x7fback"',
}


@pytest.mark.parametrize("case", sorted(TEXTS))
def test_control_and_bidi_characters_in_a_title_are_refused(tmp_path: Path, case: str
                                                            ) -> None:
    text = example_with("title: Upper back home program", "title: " + TEXTS[case])
    path = program_folder(tmp_path / "prog", text)
    out = _refused_everywhere(tmp_path, path, "title")
    assert ":3:" in out, out


@pytest.mark.parametrize("phone", [r'"+1 555\0 0100"', r'"+1 555\e[2J0100"',
                                   r'"+1 555\r0100"', r'"+1 555\n0100"'])
def test_control_characters_in_a_phone_are_refused(tmp_path: Path, phone: str) -> None:
    path = program_folder(tmp_path / "prog", example_with('phone: "+1 555 0100"',
                                                          f"phone: {phone}"))
    _refused_everywhere(tmp_path, path, "clinic.phone")


@pytest.mark.parametrize("markup", ["&#x3C;b&#x3E;bold", "&#60;script&#62;", "&#X3c;i&#X3e;",
                                    "&lt;b&gt;", "<b>bold</b>"])
def test_markup_behind_entities_is_refused(tmp_path: Path, markup: str) -> None:
    path = program_folder(tmp_path / "prog", example_with(
        "notes: Keep your eyes level; the movement is small.", f'notes: "{markup}"'))
    _refused_everywhere(tmp_path, path, "exercises[0].notes")


def test_a_stored_title_with_control_characters_is_never_printed_raw(tmp_path: Path
                                                                      ) -> None:
    path = program_folder(tmp_path / "prog")
    plain(run(tmp_path, "program", "import", "--yes", str(path)), code=0)
    [stored] = _programs(tmp_path)
    file = tmp_path / "data" / "programs" / stored / "program.yaml"
    file.write_text(file.read_text().replace(
        "title: Upper back home program", r'title: "Upper back\e]0;pwned\a\e[2J"'))
    for args in (("program", "list"), ("validate", str(file)), ("status",)):
        done = run(tmp_path, *args)
        assert not RAW_CONTROL.search((done.stdout + done.stderr).replace("\n", "")), \
            repr(done.stdout + done.stderr)


@pytest.mark.parametrize(("what", "count"), [("steps", 20_000), ("steps", 41),
                                             ("exercises", 201), ("sessions", 51)])
def test_lists_have_caps_with_their_place(tmp_path: Path, what: str, count: int) -> None:
    text = docs_example()
    if what == "steps":
        steps = "".join(f"        - Step {i}.\n" for i in range(count))
        old = ("      steps:\n        - Stand facing a wall with a small towel under both "
               "hands at chest height.\n")
        assert old in text
        text = text.replace(old, "      steps:\n" + steps, 1)
    elif what == "exercises":
        defs = "".join(
            f"  - define:\n      id: own-{i}\n      name: Own {i}\n      kind: movement\n"
            f"      position: any\n      summary: S.\n      steps: [Do it.]\n"
            f"      dose: {{reps: 1}}\n      cautions: [Gently.]\n      source: Clinic\n"
            for i in range(count))
        text = text.replace("exercises:                      # each exercise once, with "
                            "its dose\n", "exercises:\n" + defs, 1)
    else:
        sessions = "".join(f"  - id: s{i}\n    name: Session {i}\n    at: \"19:00\"\n"
                           f"    days: every day\n    exercises: [rib-breathing]\n"
                           for i in range(count))
        text = text.replace("home_sessions:                  # reminders at home, each its "
                            "own routine\n", "home_sessions:\n" + sessions, 1)
    path = program_folder(tmp_path / "prog", text)
    done, took, _peak = timed(tmp_path, "validate", str(path), timeout=20)
    out = plain(done, names=path)
    assert took < 5, f"{took:.1f} s"
    assert "at most" in out, out


# --- class 9: export targets, links, internal paths ----------------------------------------


def _with_journal(tmp_path: Path) -> None:
    path = _write(tmp_path, "seed.json", export_json(breaks=[BREAK]))
    plain(run(tmp_path, "import", str(path)), code=0)


@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-file", "link-dangling", "folder"])
def test_export_out_must_be_a_regular_file_or_a_new_name(tmp_path: Path, kind: str) -> None:
    _with_journal(tmp_path)
    out = tmp_path / "target"
    victim = tmp_path / "victim.txt"
    victim.write_text("someone's file")
    if kind == "fifo":
        fifo(out)
    elif kind == "device":
        if os.getuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    elif kind == "link-to-file":
        out.symlink_to(victim)
    elif kind == "link-dangling":
        out.symlink_to(tmp_path / "nowhere" / "x")
    else:
        out.mkdir()
    mode = out.lstat().st_mode
    for fmt in ("json", "csv"):
        done = run(tmp_path, "export", "--format", fmt, "--out", str(out), timeout=15)
        plain(done, names=out)
    report = run(tmp_path, "report", "--format", "csv", "--out", str(out), timeout=15)
    plain(report, names=out)
    assert out.lstat().st_mode == mode, "the target was replaced"
    assert victim.read_text() == "someone's file"


def test_export_out_onto_a_regular_file_or_a_new_name_works(tmp_path: Path) -> None:
    _with_journal(tmp_path)
    old = tmp_path / "old.json"
    old.write_text("{}")
    for out in (old, tmp_path / "new.json"):
        plain(run(tmp_path, "export", "--format", "json", "--out", str(out)), code=0)
        assert json.loads(out.read_text())["breaks"]


def test_validate_and_import_agree_on_a_program_file_that_is_a_link(tmp_path: Path) -> None:
    real = program_folder(tmp_path / "prog")
    link = tmp_path / "elsewhere" / "my-program.yaml"
    link.parent.mkdir()
    link.symlink_to(real)
    validate = run(tmp_path, "validate", str(link))
    imported = run(tmp_path, "program", "import", "--yes", str(link))
    plain(validate, code=None)
    plain(imported, code=None)
    assert (validate.returncode == 0) == (imported.returncode == 0), (
        validate.stdout + validate.stderr, imported.stdout + imported.stderr)


def test_a_drawing_linked_inside_the_folder_names_the_users_file(tmp_path: Path) -> None:
    path = program_folder(tmp_path / "prog")
    pictures = path.parent / "pictures"
    (pictures / "towel-wall-slide.svg").rename(pictures / "real.svg")
    (pictures / "towel-wall-slide.svg").symlink_to("real.svg")
    validate = run(tmp_path, "validate", str(path))
    imported = run(tmp_path, "program", "import", "--yes", str(path))
    for done in (validate, imported):
        plain(done, code=None)
    assert (validate.returncode == 0) == (imported.returncode == 0), (
        validate.stdout + validate.stderr, imported.stdout + imported.stderr)
    if imported.returncode:
        assert str(path.parent) in imported.stdout + imported.stderr


USER_LIBRARY = """\
version: 1
exercises:
  - id: my-squeeze
    name: My squeeze
    kind: stretch
    position: seated
    summary: Squeeze the shoulder blades.
    steps: [Sit tall., Squeeze., Relax.]
    dose: {reps: 10, hold_s: 5}
    cautions: [Stop if pain sharpens.]
    illustration: assets/my-squeeze.svg
    source: general physiotherapy practice
"""


@pytest.mark.parametrize("case", ["image-absolute", "external-entity", "use-other-file"])
def test_a_user_library_drawing_that_references_outside_is_refused(tmp_path: Path,
                                                                    case: str) -> None:
    """The user's own library reads drawings from outside the app too: the same check."""
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"\x89PNG secret")
    config = tmp_path / "config"
    (config / "assets").mkdir(parents=True)
    library = config / "exercises.yaml"
    library.write_text(USER_LIBRARY, encoding="utf-8")
    drawing = config / "assets" / "my-squeeze.svg"
    drawing.write_text(HEAD + "<circle r='3'/>\n</svg>\n", encoding="utf-8")
    plain(run(tmp_path, "validate"), code=0)
    drawing.write_text(_svg_cases(secret)[case], encoding="utf-8")
    out = plain(run(tmp_path, "validate"), code=1, names=library)
    assert "my-squeeze.svg:" in out and "refer" in out, out
