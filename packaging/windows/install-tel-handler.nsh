; SPDX-License-Identifier: GPL-3.0-or-later
; Registers Switchboard as a handler of tel: links (read into CPACK_NSIS_EXTRA_INSTALL_COMMANDS).
; Windows lists it under Settings > Apps > Default apps > Choose defaults by link type; where no
; other program handles tel: yet, it becomes the handler outright.
SetRegView 64
WriteRegStr HKLM "Software\Classes\Switchboard.tel" "" "Switchboard tel: link"
WriteRegStr HKLM "Software\Classes\Switchboard.tel" "URL Protocol" ""
WriteRegStr HKLM "Software\Classes\Switchboard.tel\DefaultIcon" "" "$INSTDIR\bin\switchboard.exe,0"
WriteRegStr HKLM "Software\Classes\Switchboard.tel\shell\open\command" "" '"$INSTDIR\bin\switchboard.exe" "%1"'
WriteRegStr HKLM "Software\Switchboard\Capabilities" "ApplicationName" "Switchboard"
WriteRegStr HKLM "Software\Switchboard\Capabilities" "ApplicationDescription" "Call phone numbers with Ultravox voice agents over Twilio"
WriteRegStr HKLM "Software\Switchboard\Capabilities" "ApplicationIcon" "$INSTDIR\bin\switchboard.exe,0"
WriteRegStr HKLM "Software\Switchboard\Capabilities\URLAssociations" "tel" "Switchboard.tel"
WriteRegStr HKLM "Software\RegisteredApplications" "Switchboard" "Software\Switchboard\Capabilities"
ReadRegStr $0 HKCR "tel\shell\open\command" ""
StrCmp $0 "" 0 switchboard_tel_taken
  WriteRegStr HKLM "Software\Classes\tel" "" "URL:tel"
  WriteRegStr HKLM "Software\Classes\tel" "URL Protocol" ""
  WriteRegStr HKLM "Software\Classes\tel\DefaultIcon" "" "$INSTDIR\bin\switchboard.exe,0"
  WriteRegStr HKLM "Software\Classes\tel\shell\open\command" "" '"$INSTDIR\bin\switchboard.exe" "%1"'
switchboard_tel_taken:
; Tell the shell that associations changed (SHCNE_ASSOCCHANGED).
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
