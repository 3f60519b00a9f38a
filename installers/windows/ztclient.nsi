; ztclient Windows installer (NSIS 3, Unicode, Modern UI 2).
;
;   makensis -DVERSION=0.1.0 -DSRC_DIR=dist\ztclient -DOUT_FILE=dist\ztclient-0.1.0-setup.exe
;            -DICON=build\icons\ztclient.ico [-DAPP_ID=... -DDISPLAY_NAME=...] installers\windows\ztclient.nsi
;
; scripts/build_installers.sh and .github/workflows/windows-build.yml pass the values from
; src/ztclient/__about__.py (the one source); the defaults below only keep a bare makensis run
; readable. Per-user install (no administrator rights: clerks on shared office PCs rarely have
; them) to %LOCALAPPDATA%\Programs\ztclient, registry under HKCU. Upgrading installs over the old
; version in place (the old _internal\ is removed first so no stale module survives). Uninstall
; removes the program only: the records in %APPDATA%\ztclient are the user's and always stay.

Unicode true
ManifestDPIAware true
!ifdef CHECK_ONLY
  SetCompress off        ; proving the script compiles (CI on Linux): no time spent compressing
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "pass -DVERSION=<ztclient.__about__.VERSION>"
!endif
!ifndef SRC_DIR
  !error "pass -DSRC_DIR=<the frozen dist\ztclient folder>"
!endif
!ifndef NAME
  !define NAME "ztclient"
!endif
!ifndef APP_ID
  !define APP_ID "cn.ztclient.ZtClient"
!endif
!ifndef DISPLAY_NAME
  !define DISPLAY_NAME "智慧政工离线客户端"
!endif
!ifndef DISPLAY_NAME_EN
  !define DISPLAY_NAME_EN "ZT Offline Client"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "ztclient"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "${NAME}-${VERSION}-setup.exe"
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"   ; four numbers, e.g. 0.1.0.0
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"           ; "" only when proving the script against a Linux build
!endif

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define APP_KEY "Software\${NAME}"
!define MAIN_EXE "${NAME}${EXE_SUFFIX}"
!define CLI_EXE "${NAME}-cli${EXE_SUFFIX}"

Name "${DISPLAY_NAME}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${DISPLAY_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${APP_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first: it is the default for a clerk's PC; English for everyone else.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString RunNow ${LANG_SIMPCHINESE} "立即运行 ${DISPLAY_NAME}"
LangString RunNow ${LANG_ENGLISH} "Run ${DISPLAY_NAME_EN} now"
LangString SecProgram ${LANG_SIMPCHINESE} "程序文件"
LangString SecProgram ${LANG_ENGLISH} "Program files"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecProgramDesc ${LANG_SIMPCHINESE} "程序本身和开始菜单快捷方式（必选）。"
LangString SecProgramDesc ${LANG_ENGLISH} "The program and its Start menu shortcuts (required)."
LangString SecDesktopDesc ${LANG_SIMPCHINESE} "在桌面上放一个快捷方式。"
LangString SecDesktopDesc ${LANG_ENGLISH} "Put a shortcut on the desktop."
LangString StillRunning ${LANG_SIMPCHINESE} "${DISPLAY_NAME} 正在运行。请先关闭它（数据会自动保存），再点“重试”。"
LangString StillRunning ${LANG_ENGLISH} "${DISPLAY_NAME_EN} is running. Close it first (your data is saved), then click Retry."
LangString CliShortcut ${LANG_SIMPCHINESE} "${DISPLAY_NAME}（命令行）"
LangString CliShortcut ${LANG_ENGLISH} "${DISPLAY_NAME_EN} (command line)"
LangString DataKept ${LANG_SIMPCHINESE} "程序已卸载。您的数据没有删除，仍在：$\r$\n$APPDATA\${NAME}$\r$\n重新安装后可直接使用；如需彻底删除，请先备份，再手动删除该文件夹。"
LangString DataKept ${LANG_ENGLISH} "The program is removed. Your data was not deleted; it is still in:$\r$\n$APPDATA\${NAME}$\r$\nReinstall to use it again; to delete it, back it up first, then delete that folder by hand."

; -- version resource of the installer itself ------------------------------------------------
VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${DISPLAY_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${DISPLAY_NAME_EN}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${DISPLAY_NAME_EN} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"

; Wait until the program is closed: a running ztclient.exe cannot be replaced (or removed).
!macro WaitUntilClosed UN
Function ${UN}WaitUntilClosed
  ${Do}
    ClearErrors
    IfFileExists "$INSTDIR\${MAIN_EXE}" 0 done
    Rename "$INSTDIR\${MAIN_EXE}" "$INSTDIR\${MAIN_EXE}.probe"
    ${IfNot} ${Errors}
      Rename "$INSTDIR\${MAIN_EXE}.probe" "$INSTDIR\${MAIN_EXE}"
      Goto done
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY again
    Abort
    again:
  ${Loop}
  done:
FunctionEnd
!macroend
!insertmacro WaitUntilClosed ""
!insertmacro WaitUntilClosed "un."

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "!$(SecProgram)" SecProgram
  SectionIn RO
  SetShellVarContext current
  Call WaitUntilClosed
  SetOutPath "$INSTDIR"
  ; Upgrade in place: the old bundled modules go, the new ones come. User data is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File "${SRC_DIR}/${MAIN_EXE}"
  File "${SRC_DIR}/${CLI_EXE}"
  File /r "${SRC_DIR}/_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${DISPLAY_NAME}"
  CreateShortcut "$SMPROGRAMS\${DISPLAY_NAME}\${DISPLAY_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0
  ; A console in the program folder: `ztclient-cli backup …`, or `ztclient-cli --gui` for a log.
  CreateShortcut "$SMPROGRAMS\${DISPLAY_NAME}\$(CliShortcut).lnk" "$SYSDIR\cmd.exe" '/k "$INSTDIR\${CLI_EXE}" --help' "$INSTDIR\${MAIN_EXE}" 0

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${MAIN_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${DISPLAY_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\${MAIN_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "$(SecProgramDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.WaitUntilClosed
  ; Only what the installer put here; never $APPDATA\ztclient (the user's encrypted records).
  Delete "$INSTDIR\${MAIN_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$DESKTOP\${DISPLAY_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${DISPLAY_NAME}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  IfFileExists "$APPDATA\${NAME}\*.*" 0 +2
    MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)" /SD IDOK
SectionEnd
