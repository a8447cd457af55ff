using System.Globalization;
using Npgsql;

namespace Hone.Storages;

/// <summary>Turns a <c>postgresql://</c> URL or an Npgsql connection string into connection settings.</summary>
internal static class PostgresUrl
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["user"] = "Username",
        ["password"] = "Password",
    };

    public static bool IsUrl(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the connection text.</summary>
    /// <param name="connection">A URL <c>postgresql://user:password@host:port/database?schema=name</c> or an Npgsql
    /// connection string (<c>Host=...;Database=...</c>).</param>
    /// <param name="schema">The <c>schema</c> URL parameter, or <see langword="null"/>.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">The text is neither, or names something unknown.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connection, out string? schema)
    {
        schema = null;
        if (!IsUrl(connection))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"'{Redact(connection)}' is neither a PostgreSQL URL nor a connection string ({e.Message}). Use postgresql://user:password@host:port/database.",
                    nameof(connection));
            }
        }

        if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException(
                $"'{Redact(connection)}' is not a valid PostgreSQL URL. Use postgresql://user:password@host:port/database (percent-encode special characters in the password).",
                nameof(connection));
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The PostgreSQL URL '{Redact(connection)}' names no database. Add it after the host: postgresql://user:password@host:port/database.",
                nameof(connection));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = database,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (key.Equals("schema", StringComparison.OrdinalIgnoreCase))
            {
                schema = value;
                continue;
            }

            try
            {
                builder[Aliases.GetValueOrDefault(key, key)] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException(
                    $"Unknown or invalid parameter '{key}={value}' in the PostgreSQL URL '{Redact(connection)}'. Use schema, sslmode, application_name, connect_timeout or an Npgsql connection-string keyword.",
                    nameof(connection));
            }
        }

        return builder;
    }

    /// <summary>The server and database a connection goes to, for messages: never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");

    /// <summary>The connection text with any password replaced, so that errors can quote it.</summary>
    public static string Redact(string connection)
    {
        if (IsUrl(connection))
        {
            var at = connection.IndexOf('@', StringComparison.Ordinal);
            var start = connection.IndexOf("://", StringComparison.Ordinal) + 3;
            var colon = at < 0 ? -1 : connection.IndexOf(':', start, at - start);
            return colon < 0 ? connection : connection[..(colon + 1)] + "***" + connection[at..];
        }

        return System.Text.RegularExpressions.Regex.Replace(
            connection,
            "(?i)(password|pwd)\\s*=\\s*[^;]*",
            "$1=***",
            System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
    }
}
