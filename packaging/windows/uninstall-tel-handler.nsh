; SPDX-License-Identifier: GPL-3.0-or-later
; Undoes install-tel-handler.nsh (read into CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS); the plain tel:
; key is removed only while it still points at this Switchboard.
SetRegView 64
DeleteRegValue HKLM "Software\RegisteredApplications" "Switchboard"
DeleteRegKey HKLM "Software\Switchboard\Capabilities"
DeleteRegKey /ifempty HKLM "Software\Switchboard"
DeleteRegKey HKLM "Software\Classes\Switchboard.tel"
ReadRegStr $0 HKLM "Software\Classes\tel\shell\open\command" ""
StrCmp $0 '"$INSTDIR\bin\switchboard.exe" "%1"' 0 switchboard_tel_kept
  DeleteRegKey HKLM "Software\Classes\tel"
switchboard_tel_kept:
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
