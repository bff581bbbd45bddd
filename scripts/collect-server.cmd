@echo off
rem Collects what iislint reads from one IIS server into a folder named after it (or %1):
rem IIS 7+ configuration, .NET Framework 4 configuration, each site's web.config files at their
rem physical path (drive letter dropped), SChannel and http.sys registry exports. Run elevated.
setlocal EnableExtensions
set "OUT=%~1"
if "%OUT%"=="" set "OUT=%COMPUTERNAME%"
mkdir "%OUT%" 2>nul

rem IIS 7+: applicationHost.config (and redirection.config for shared configuration), not the schema folder.
robocopy "%windir%\system32\inetsrv\config" "%OUT%\inetsrv\config" applicationHost.config redirection.config /NJH /NJS /NP

rem .NET Framework 4: machine.config, and the framework's root web.config saved as root.web.config.
copy /y "%windir%\Microsoft.NET\Framework64\v4.0.30319\Config\machine.config" "%OUT%\machine.config" >nul
copy /y "%windir%\Microsoft.NET\Framework64\v4.0.30319\Config\web.config" "%OUT%\root.web.config" >nul

rem Every virtual directory's web.config files, in the same folders below %OUT% as on the server.
for /f "usebackq delims=" %%P in (`"%windir%\system32\inetsrv\appcmd.exe" list vdir /text:physicalPath`) do call :vdir "%%P"

rem SChannel and http.sys.
reg export "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" "%OUT%\schannel.reg" /y >nul
reg export "HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters" "%OUT%\http-parameters.reg" /y >nul
rem TLS hardening (README "Getting the files off a server"): a key that does not exist makes its export fail; that file is then missing.
if exist %windir%\system32\inetsrv\MetaBase.xml copy /y %windir%\system32\inetsrv\MetaBase.xml "%OUT%\MetaBase.xml" >nul
reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" "%OUT%\currentversion.reg" /y >nul
reg export "HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002" "%OUT%\cipher-suite-policy.reg" /y >nul
reg export "HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002" "%OUT%\cipher-suite-local.reg" /y >nul
reg export "HKLM\SOFTWARE\Microsoft\.NETFramework" "%OUT%\dotnet-64.reg" /y >nul
reg export "HKLM\SOFTWARE\Wow6432Node\Microsoft\.NETFramework" "%OUT%\dotnet-32.reg" /y >nul
exit /b 0

:vdir
rem `call set` expands the variables a physicalPath may hold (%SystemDrive%); then drop "C:\".
call set "P=%~1"
if not exist "%P%" exit /b 0
robocopy "%P%" "%OUT%\%P:~3%" web.config /S /NJH /NJS /NP /NFL /NDL >nul
exit /b 0
