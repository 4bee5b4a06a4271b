<#
.SYNOPSIS
Removes the Windows service "Conduit" (install-service.ps1 installed it).

.DESCRIPTION
Run it as an administrator. It stops the service first (the workers drain); the config and the
logs stay. -DryRun prints the command only.
#>
param([switch]$DryRun)
$ErrorActionPreference = 'Stop'

$Service = 'Conduit'
$Image = if ($env:CONDUIT_IMAGE) { $env:CONDUIT_IMAGE } else { (Resolve-Path (Join-Path $PSScriptRoot '..')).Path }
$Prunsrv = if ($env:PRUNSRV) { $env:PRUNSRV } else { "$Image\daemon\prunsrv.exe" }

$uninstall = @("//DS//$Service")
if ($DryRun) {
    Write-Output "would run: $Prunsrv $($uninstall -join ' ')"
    exit 0
}
if (Get-Service -Name $Service -ErrorAction SilentlyContinue) {
    Stop-Service -Name $Service
}
& $Prunsrv @uninstall
if ($LASTEXITCODE -ne 0) { throw "prunsrv could not remove the service $Service (status $LASTEXITCODE)" }
Write-Output "Removed the service $Service"
