using Reporting.Cli;

var exitCode = await ReportingCommandLine.RunAsync(args, Console.Out, Console.Error);
StartupStatistics.WriteIfRequested(Console.Error);
return exitCode;
