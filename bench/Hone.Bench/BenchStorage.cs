using Hone.Storages;
using Npgsql;

namespace Hone.Bench;

/// <summary>
/// Fresh storages for the throughput benchmark: nothing for memory, a new file for SQLite, a new schema in the
/// database that <c>--url</c> names for PostgreSQL; each named by a location that worker processes can open too.
/// </summary>
internal static class BenchStorage
{
    public static string? Fresh(string kind, string? directory, string? url) => kind switch
    {
        "sqlite" => BenchFiles.Fresh(directory),
        "postgres" => WithSchema(url!, $"bench_{Guid.NewGuid():N}"[..20]),
        _ => null,
    };

    public static IStorage Open(string kind, string? location) => kind switch
    {
        "sqlite" => new SqliteStorage(location!),
        "postgres" => new PostgresStorage(location!),
        _ => new InMemoryStorage(),
    };

    public static void Delete(string kind, string? location)
    {
        if (kind == "sqlite")
        {
            BenchFiles.Delete(location!);
        }
        else if (kind == "postgres")
        {
            var settings = PostgresUrl.Parse(location!, out var schema);
            settings.Pooling = false;
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>The URL with its <c>schema</c> parameter set, other parameters kept.</summary>
    private static string WithSchema(string url, string schema)
    {
        if (!PostgresUrl.IsUrl(url))
        {
            throw new BenchUsageException($"--url must be a postgresql:// URL, but got '{PostgresUrl.Redact(url)}'.");
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        var kept = query < 0
            ? []
            : url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("schema=", StringComparison.OrdinalIgnoreCase));
        return (query < 0 ? url : url[..query]) + "?" + string.Join("&", kept.Append("schema=" + schema));
    }
}
