# Build the Windows installer: the PyInstaller bundle from packaging/posture-coach.spec,
# then Inno Setup (packaging/windows/posture-coach.iss). Built and tested elsewhere, on a
# Windows machine with Python 3.10+ and Inno Setup 6 (iscc.exe on PATH); not on the Linux
# machine where the rest of the project is tested.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Output: dist\posture-coach-<version>-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = (Select-String -Path posture_coach\__init__.py -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value

py -3 -m venv .venv-dist
.venv-dist\Scripts\python -m pip install --require-hashes --only-binary :all: -r requirements-dist.txt
# PyInstaller turns the PNG icon into an .ico with Pillow (not part of the lock: build-only)
.venv-dist\Scripts\python -m pip install "pillow>=10"
Remove-Item -Recurse -Force dist, build\pyinstaller -ErrorAction SilentlyContinue
.venv-dist\Scripts\hatchling build -d dist
.venv-dist\Scripts\python -m pip install --no-deps --force-reinstall "dist\posture_coach-$version-py3-none-any.whl"
.venv-dist\Scripts\pyinstaller --noconfirm --distpath dist\bundle --workpath build\pyinstaller packaging\posture-coach.spec
iscc /DAppVersion=$version packaging\windows\posture-coach.iss
