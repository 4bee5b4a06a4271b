@echo off
rem Removes the Windows service "Conduit" (install-service.bat installed it). Run it as an
rem administrator, after stopping the service (sc.exe stop Conduit). The config and logs stay.
setlocal
set "SERVICE_NAME=Conduit"
if "%CONDUIT_IMAGE%"=="" for %%I in ("%~dp0..") do set "CONDUIT_IMAGE=%%~fI"
if "%PRUNSRV%"=="" set "PRUNSRV=%CONDUIT_IMAGE%\daemon\prunsrv.exe"

"%PRUNSRV%" //DS//%SERVICE_NAME%
if errorlevel 1 (
  echo Failed to remove the service %SERVICE_NAME%
  exit /b 1
)
echo Removed the service %SERVICE_NAME%
endlocal
