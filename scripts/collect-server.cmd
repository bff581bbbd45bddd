@echo off
rem Collect one server's files for iislint into one folder: scripts\collect-server.cmd web01
rem Run as an administrator on the server. Every command here is one README "Getting the files off a server" lists;
rem a key that does not exist makes its reg export fail, and that file is then simply missing.
setlocal
if "%~1"=="" (
  echo usage: collect-server.cmd FOLDER
  exit /b 2
)
set "OUT=%~1"
if not exist "%OUT%" mkdir "%OUT%"
if exist %windir%\system32\inetsrv\MetaBase.xml copy %windir%\system32\inetsrv\MetaBase.xml %OUT%\MetaBase.xml
reg export "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" %OUT%\schannel.reg /y
reg export "HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters" %OUT%\http-parameters.reg /y
reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" %OUT%\currentversion.reg /y
reg export "HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002" %OUT%\cipher-suite-policy.reg /y
reg export "HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002" %OUT%\cipher-suite-local.reg /y
reg export "HKLM\SOFTWARE\Microsoft\.NETFramework" %OUT%\dotnet-64.reg /y
reg export "HKLM\SOFTWARE\Wow6432Node\Microsoft\.NETFramework" %OUT%\dotnet-32.reg /y
endlocal
exit /b 0
