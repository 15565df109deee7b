using Reporting.Cli;

return await ReportingCommandLine.RunAsync(args, Console.Out, Console.Error);
