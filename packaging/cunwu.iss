; Inno Setup script: the Windows installer of cunwu (村务), made from the one-folder program
; that build_installer.spec builds into dist\cunwu. Steps in docs/packaging.md.
;
;   "%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\cunwu.iss
;
; Per-user install: no administrator rights, the program goes under %LOCALAPPDATA%\Programs.
; The clerk's data folder (%LOCALAPPDATA%\cunwu: the database, backups, keys, logs) is never
; written by the installer and stays when the program is uninstalled.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist\cunwu"
#endif

[Setup]
; A fixed AppId: later versions install over this one instead of beside it.
AppId={{7B0C6E55-3F7E-4C43-9D0B-5C2B8E1A6F21}
AppName=村务
AppVersion={#AppVersion}
AppVerName=村务 {#AppVersion}
AppPublisher=cunwu
DefaultDirName={localappdata}\Programs\cunwu
DefaultGroupName=村务
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=cunwu-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=村务 {#AppVersion}
UninstallDisplayIcon={app}\cunwu.exe
ShowLanguageDialog=auto

[Languages]
; Chinese first: it is the default when Windows speaks neither language.
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh_CN.OpenCunwu=打开村务
en.OpenCunwu=Open cunwu
zh_CN.CommandLine=村务命令行
en.CommandLine=cunwu command line

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The program is a console program (the command line prints); started from a shortcut it
; opens the window, and its console stays minimised.
Name: "{group}\村务"; Filename: "{app}\cunwu.exe"; WorkingDir: "{app}"; ShowCmd: minimized
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\cunwu.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,村务}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\村务"; Filename: "{app}\cunwu.exe"; WorkingDir: "{app}"; ShowCmd: minimized; Tasks: desktopicon

[Run]
Filename: "{app}\cunwu.exe"; Description: "{cm:OpenCunwu}"; WorkingDir: "{app}"; Flags: nowait postinstall skipifsilent runminimized

[UninstallDelete]
; Only what the program itself left inside its own folder (Python's byte-code caches); the
; data folder is elsewhere and is not touched.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
