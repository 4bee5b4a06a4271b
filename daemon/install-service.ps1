<#
.SYNOPSIS
Installs Conduit as the Windows service "Conduit" under procrun (Apache Commons Daemon).

.DESCRIPTION
The same service as install-service.bat, in the way of Tomcat's service.bat: prunsrv //IS in jvm
mode on the runtime image's jvm.dll, dev.conduit.daemon.ProcrunService as start and stop class,
the log path and the stop timeout, then sc.exe failure for the recovery actions. Run it as an
administrator; docs\OPERATIONS.md, "Windows", has the steps. -DryRun prints the commands only.

From the environment: CONDUIT_IMAGE (default: the folder above this script's), CONDUIT_HOME
(C:\ProgramData\Conduit), CONDUIT_CONFIG ($CONDUIT_HOME\config.json), CONDUIT_LOGS
($CONDUIT_HOME\logs), PRUNSRV ($CONDUIT_IMAGE\daemon\prunsrv.exe).
#>
param(
    [string]$User = 'NT Authority\LocalService',
    [switch]$DryRun
)
$ErrorActionPreference = 'Stop'

$Service = 'Conduit'
$Image = if ($env:CONDUIT_IMAGE) { $env:CONDUIT_IMAGE } else { (Resolve-Path (Join-Path $PSScriptRoot '..')).Path }
$StateHome = if ($env:CONDUIT_HOME) { $env:CONDUIT_HOME } else { 'C:\ProgramData\Conduit' }
$Config = if ($env:CONDUIT_CONFIG) { $env:CONDUIT_CONFIG } else { "$StateHome\config.json" }
$Logs = if ($env:CONDUIT_LOGS) { $env:CONDUIT_LOGS } else { "$StateHome\logs" }
$Prunsrv = if ($env:PRUNSRV) { $env:PRUNSRV } else { "$Image\daemon\prunsrv.exe" }

$install = @(
    "//IS//$Service",
    "--DisplayName=Conduit LLM API gateway",
    "--Description=Conduit: Anthropic and OpenAI clients to any provider",
    "--Install=$Prunsrv",
    "--Startup=auto",
    "--ServiceUser=$User",
    "--Jvm=$Image\bin\server\jvm.dll",
    "--StartMode=jvm",
    "--StartClass=dev.conduit.daemon.ProcrunService",
    "--StartMethod=start",
    "--StartParams=--config;$Config",
    "--StopMode=jvm",
    "--StopClass=dev.conduit.daemon.ProcrunService",
    "--StopMethod=stop",
    "--StopTimeout=60",
    "--LogPath=$Logs",
    "--LogPrefix=procrun",
    "--StdOutput=auto",
    "--StdError=auto",
    "--Environment=CONDUIT_HOME=$StateHome;CONDUIT_CONFIG=$Config",
    "--JvmMs=4",
    "--JvmMx=24",
    "--JvmSs=256",
    "++JvmOptions=-XX:+UseSerialGC;-Xint;-XX:+ExitOnOutOfMemoryError"
)
# recovery: restart after 5 s, again after 5 s, then after 60 s; the count resets after a day
$recovery = @('failure', $Service, 'reset=', '86400', 'actions=', 'restart/5000/restart/5000/restart/60000')

if ($DryRun) {
    Write-Output "would run: $Prunsrv $($install -join ' ')"
    Write-Output "would run: sc.exe $($recovery -join ' ')"
    exit 0
}
if (-not (Test-Path "$Image\bin\server\jvm.dll")) {
    throw "$Image is not a Conduit runtime image: no bin\server\jvm.dll. Set CONDUIT_IMAGE."
}
if (-not (Test-Path $Prunsrv)) {
    throw "prunsrv.exe not found at $Prunsrv. Set PRUNSRV."
}
New-Item -ItemType Directory -Force -Path $Logs | Out-Null

Write-Output "Installing the service $Service as $User"
& $Prunsrv @install
if ($LASTEXITCODE -ne 0) { throw "prunsrv could not install the service $Service (status $LASTEXITCODE)" }
& sc.exe @recovery
if ($LASTEXITCODE -ne 0) { throw "installed $Service, but sc.exe could not set its recovery actions" }
Write-Output "Installed the service $Service; start it with: Start-Service $Service"
