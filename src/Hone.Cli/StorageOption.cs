using System.CommandLine;
using Hone.Storages;

namespace Hone.Cli;

/// <summary>The <c>--storage</c> option every command takes.</summary>
internal static class StorageOption
{
    /// <summary>The environment variable that replaces <see cref="Storage.DefaultUrl"/> as the default.</summary>
    public const string Variable = "HONE_STORAGE";

    /// <summary>Creates the option; its default is <c>$HONE_STORAGE</c> when set, else <see cref="Storage.DefaultUrl"/>.</summary>
    /// <param name="environment">Where the environment variable is read.</param>
    /// <returns>A new option, since one option object belongs to one command's help.</returns>
    public static Option<string> Create(CliEnvironment environment)
    {
        var option = new Option<string>("--storage")
        {
            Description =
                "Where the studies are kept: sqlite:///relative/path.db, sqlite:////absolute/path.db, a path ending in .db, "
                + "or memory; append ?mode=ro to open read-only. "
                + $"The default is {Storage.DefaultUrl} (hone.db in the working directory), or ${Variable} when that is set.",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrl(environment),
        };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("--storage needs a URL, but got an empty value. Pass e.g. --storage sqlite:///hone.db.");
            }
        });
        return option;
    }

    private static string DefaultUrl(CliEnvironment environment) =>
        environment.GetVariable(Variable) is { Length: > 0 } url ? url : Storage.DefaultUrl;
}
