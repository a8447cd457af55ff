using Hone.Cli;

return CliApp.Run(args, CliEnvironment.FromConsole());
