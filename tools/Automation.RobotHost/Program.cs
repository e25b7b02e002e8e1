using Automation.RobotHost.Hosting;

// A robot host: one process that runs one workflow file with the robot activities and the web driver, on a SQLite
// store that other processes may share. See README.md for the options and the settings file.
return await RobotHostRun.ExecuteAsync(args, CancellationToken.None);
