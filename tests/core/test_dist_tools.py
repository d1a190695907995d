"""make dist on a machine without a tool it needs names the Debian package to install
(packaging/check-tools.sh), and the files the .deb ships are valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

SCRIPT = REPO / "packaging" / "check-tools.sh"
NEEDED = ("bash", "sort", "tr", "printf", "ldd", "objdump", "strip", "dpkg-deb", "dpkg",
          "appstreamcli", "desktop-file-validate", "update-mime-database")


def bin_without(tmp_path: Path, *missing: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in NEEDED:
        found = shutil.which(tool)
        if tool not in missing and found:
            (folder / tool).symlink_to(found)
    return folder


@pytest.mark.parametrize(("tool", "package"), [
    ("appstreamcli", "appstream"), ("desktop-file-validate", "desktop-file-utils"),
    ("dpkg-deb", "dpkg"), ("update-mime-database", "shared-mime-info"),
    ("objdump", "binutils")])
def test_a_missing_tool_is_named_with_its_package(tmp_path: Path, tool: str,
                                                  package: str) -> None:
    if not all(shutil.which(t) for t in ("bash", "sort", "tr")):
        pytest.skip("needs bash, sort and tr")
    out = subprocess.run([shutil.which("bash") or "bash", str(SCRIPT)], capture_output=True,
                         text=True, env={"PATH": str(bin_without(tmp_path, tool))})
    assert out.returncode == 1
    assert f"'{tool}' is missing: install the Debian package {package}" in out.stderr
    assert f"sudo apt-get install {package}" in out.stderr


def test_nothing_missing_says_nothing() -> None:
    if not all(shutil.which(t) for t in NEEDED):
        pytest.skip("not every make dist tool is installed here")
    out = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True)
    assert (out.returncode, out.stderr) == (0, "")


def test_the_metainfo_and_mime_types_are_valid(tmp_path: Path) -> None:
    from tests.desktop.xdesktop import require_tools

    require_tools("appstreamcli", "update-mime-database")  # make test installs them
    metainfo = REPO / "packaging" / "linux" / "io.github.posture_coach.PostureCoach.metainfo.xml"
    out = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", str(metainfo)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "screenshot" in metainfo.read_text() and "content_rating" in metainfo.read_text()
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy(REPO / "packaging" / "linux" / "posture-coach-mime.xml",
                mime / "packages" / "posture-coach.xml")
    out = subprocess.run(["update-mime-database", str(mime)], capture_output=True, text=True)
    assert out.returncode == 0 and "rror" not in out.stderr, out.stderr
    assert (mime / "application" / "x-posture-coach-program.xml").is_file()
    assert (mime / "application" / "x-posture-coach-program+yaml.xml").is_file()


def test_yaml_programs_are_recognised_by_content(tmp_path: Path) -> None:
    """With the package's MIME file beside the system's: a YAML file whose top-level key
    is `program:` (also after comments) is a home program, other YAML stays YAML, a
    .pcprogram is one by name."""
    from tests.desktop.xdesktop import require_tools

    require_tools("gio", "update-mime-database")
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if not system.is_file():
        pytest.skip("no shared-mime-info database here")
    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(system, share / "mime" / "packages")
    shutil.copy(REPO / "packaging" / "linux" / "posture-coach-mime.xml",
                share / "mime" / "packages" / "posture-coach.xml")
    subprocess.run(["update-mime-database", str(share / "mime")], check=True,
                   capture_output=True)
    files = {"program.yaml": "program: 1\ntitle: T\n",
             "commented.yml": "# from the clinic\nprogram: 1\n",
             "settings.yaml": "version: 3\ninterval_min: 45\n",
             "not-a-key.yaml": "title: my program: notes\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "x.pcprogram").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_DIRS": str(share),
           "XDG_DATA_HOME": str(tmp_path / "nothing")}

    def kind(name: str) -> str:
        out = subprocess.run(["gio", "info", "-a", "standard::content-type",
                              str(tmp_path / name)], capture_output=True, text=True,
                             env=env, check=True).stdout
        return out.rsplit(":", 1)[1].strip()

    program = "application/x-posture-coach-program+yaml"
    assert kind("program.yaml") == program
    assert kind("commented.yml") == program
    assert kind("settings.yaml") != program and "yaml" in kind("settings.yaml")
    assert kind("not-a-key.yaml") != program
    assert kind("x.pcprogram") == "application/x-posture-coach-program"


def test_make_dist_names_the_package_before_building_anything(tmp_path: Path) -> None:
    """`make dist` itself, with appstreamcli missing from PATH: it stops at once with the
    package's name, whether its build venv is there yet or not, and leaves dist/ alone."""
    tools = ("make", "sed", "uname", "python3")
    if not all(shutil.which(t) for t in (*tools, "bash", "sort", "tr")):
        pytest.skip("needs make, bash, sed, sort, tr")
    folder = bin_without(tmp_path, "appstreamcli")
    for tool in tools:
        (folder / tool).symlink_to(shutil.which(tool) or tool)
    before = sorted(p.name for p in (REPO / "dist").iterdir()) if (REPO / "dist").is_dir() \
        else None
    for venv in (".venv-dist", str(tmp_path / "no-venv")):  # built already, or not yet
        out = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), "dist",
                              f"DIST_VENV={venv}"], capture_output=True, text=True,
                             env={"PATH": str(folder), "HOME": str(tmp_path)})
        assert out.returncode != 0
        assert ("'appstreamcli' is missing: install the Debian package appstream"
                in out.stderr), out.stderr
        assert not (tmp_path / "no-venv").exists()
    after = sorted(p.name for p in (REPO / "dist").iterdir()) if (REPO / "dist").is_dir() \
        else None
    assert after == before
