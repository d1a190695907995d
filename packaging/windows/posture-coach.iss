; Inno Setup script of the Windows installer (packaging/windows/build.ps1 runs it after
; PyInstaller). Built and tested elsewhere, not on the project's Linux test machine.
; Installs the bundle per user (no administrator rights needed), a Start menu entry,
; an optional start-at-login entry (the app's own setting writes the same Run value),
; and the .pcprogram file type so a double-click opens the import preview.
; Uninstalling removes the program files; settings and the journal in %APPDATA% and
; %LOCALAPPDATA%\posture-coach stay, as they are the person's data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0B6C52-5B7E-4C33-9E0C-2D1C8A4F7E11}
AppName=Posture Coach
AppVersion={#AppVersion}
AppPublisher=posture-coach developers
AppPublisherURL=https://github.com/posture-coach/posture-coach
DefaultDirName={localappdata}\Programs\Posture Coach
DefaultGroupName=Posture Coach
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=posture-coach-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\posture-coach.exe
ChangesAssociations=yes
LicenseFile=..\..\LICENSE

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "startup"; Description: "Start Posture Coach when I sign in"; Flags: unchecked

[Files]
Source: "..\..\dist\bundle\posture-coach\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Posture Coach"; Filename: "{app}\posture-coach.exe"
Name: "{group}\Uninstall Posture Coach"; Filename: "{uninstallexe}"

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "PostureCoach"; ValueData: """{app}\posture-coach.exe"""; Tasks: startup; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.pcprogram"; ValueType: string; ValueName: ""; ValueData: "PostureCoach.Program"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\PostureCoach.Program"; ValueType: string; ValueName: ""; ValueData: "Posture Coach home program"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\PostureCoach.Program\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\posture-coach.exe,0"
Root: HKCU; Subkey: "Software\Classes\PostureCoach.Program\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\posture-coach.exe"" program open ""%1"""

[Run]
Filename: "{app}\posture-coach.exe"; Description: "Start Posture Coach now"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{app}\posture-coach.exe"; Parameters: "quit"; Flags: runhidden; RunOnceId: "QuitPostureCoach"
