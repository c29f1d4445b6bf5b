# Registers the same task as linkfarm-sync.xml, for the current user, with PowerShell's
# ScheduledTasks module: every 5 minutes, `linkfarm apply -q --conflict newer -c MANIFEST`.
# Edit $Manifest, then run:  powershell -ExecutionPolicy Bypass -File register.ps1
$Manifest = "$env:USERPROFILE\notes-sync\linkfarm.yaml"
$Action = New-ScheduledTaskAction -Execute "$env:APPDATA\npm\linkfarm.cmd" -Argument "apply -q --conflict newer -c `"$Manifest`""
$Trigger = New-ScheduledTaskTrigger -Once -At (Get-Date) -RepetitionInterval (New-TimeSpan -Minutes 5)
$Settings = New-ScheduledTaskSettingsSet -MultipleInstances IgnoreNew -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -Hidden -ExecutionTimeLimit (New-TimeSpan -Minutes 10)
Register-ScheduledTask -TaskName "linkfarm sync" -Description "linkfarm: heal the hard links into the sync folder (conflict: newer)" -Action $Action -Trigger $Trigger -Settings $Settings
