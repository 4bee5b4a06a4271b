@echo off
rem Installs Conduit as the Windows service "Conduit" under procrun (Apache Commons Daemon), in
rem the way of Tomcat's service.bat: prunsrv //IS in jvm mode on the runtime image's jvm.dll, with
rem dev.conduit.daemon.ProcrunService as start and stop class, then the recovery actions.
rem Run it as an administrator; docs\OPERATIONS.md, "Windows", has the steps.
rem
rem   install-service.bat [USER]       USER: the service account (default NT Authority\LocalService)
rem
rem From the environment: CONDUIT_IMAGE (default: the folder above this script's), CONDUIT_HOME
rem (C:\ProgramData\Conduit), CONDUIT_CONFIG (%CONDUIT_HOME%\config.json), CONDUIT_LOGS
rem (%CONDUIT_HOME%\logs), PRUNSRV (%CONDUIT_IMAGE%\daemon\prunsrv.exe, from Commons Daemon's
rem Windows binaries: the amd64 prunsrv.exe).
setlocal

set "SERVICE_NAME=Conduit"
if "%CONDUIT_IMAGE%"=="" for %%I in ("%~dp0..") do set "CONDUIT_IMAGE=%%~fI"
if "%CONDUIT_HOME%"=="" set "CONDUIT_HOME=C:\ProgramData\Conduit"
if "%CONDUIT_CONFIG%"=="" set "CONDUIT_CONFIG=%CONDUIT_HOME%\config.json"
if "%CONDUIT_LOGS%"=="" set "CONDUIT_LOGS=%CONDUIT_HOME%\logs"
if "%PRUNSRV%"=="" set "PRUNSRV=%CONDUIT_IMAGE%\daemon\prunsrv.exe"
set "SERVICE_USER=%~1"
if "%SERVICE_USER%"=="" set "SERVICE_USER=NT Authority\LocalService"

if not exist "%CONDUIT_IMAGE%\bin\server\jvm.dll" (
  echo %CONDUIT_IMAGE% is not a Conduit runtime image: no bin\server\jvm.dll. Set CONDUIT_IMAGE.
  exit /b 1
)
if not exist "%PRUNSRV%" (
  echo prunsrv.exe not found at %PRUNSRV%. Set PRUNSRV.
  exit /b 1
)
if not exist "%CONDUIT_LOGS%" mkdir "%CONDUIT_LOGS%"

echo Installing the service %SERVICE_NAME% as %SERVICE_USER%
"%PRUNSRV%" //IS//%SERVICE_NAME% ^
    --DisplayName="Conduit LLM API gateway" ^
    --Description="Conduit: Anthropic and OpenAI clients to any provider" ^
    --Install="%PRUNSRV%" ^
    --Startup=auto ^
    --ServiceUser="%SERVICE_USER%" ^
    --Jvm="%CONDUIT_IMAGE%\bin\server\jvm.dll" ^
    --StartMode=jvm ^
    --StartClass=dev.conduit.daemon.ProcrunService ^
    --StartMethod=start ^
    --StartParams="--config;%CONDUIT_CONFIG%" ^
    --StopMode=jvm ^
    --StopClass=dev.conduit.daemon.ProcrunService ^
    --StopMethod=stop ^
    --StopTimeout=60 ^
    --LogPath="%CONDUIT_LOGS%" ^
    --LogPrefix=procrun ^
    --StdOutput=auto ^
    --StdError=auto ^
    --Environment="CONDUIT_HOME=%CONDUIT_HOME%;CONDUIT_CONFIG=%CONDUIT_CONFIG%" ^
    --JvmMs=4 ^
    --JvmMx=24 ^
    --JvmSs=256 ^
    ++JvmOptions="-XX:+UseSerialGC;-Xint;-XX:+ExitOnOutOfMemoryError"
if errorlevel 1 (
  echo Failed to install the service %SERVICE_NAME%
  exit /b 1
)
rem recovery: restart after 5 s, again after 5 s, then after 60 s; the count resets after a day
sc.exe failure %SERVICE_NAME% reset= 86400 actions= restart/5000/restart/5000/restart/60000
if errorlevel 1 (
  echo Installed %SERVICE_NAME%, but could not set its recovery actions
  exit /b 1
)
echo Installed the service %SERVICE_NAME%; start it with: sc.exe start %SERVICE_NAME%
endlocal
