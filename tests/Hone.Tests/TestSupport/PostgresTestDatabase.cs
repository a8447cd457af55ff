using Hone.Storages;
using Npgsql;

namespace Hone.Tests.TestSupport;

/// <summary>
/// A database of its own for one test run, created on the server that <see cref="Variable"/> names when a test first
/// needs it and dropped at the end; each test then works in a new schema of it, so that runs and tests never meet.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    /// <summary>The environment variable with the URL of a role that may create databases.</summary>
    public const string Variable = "HONE_TEST_POSTGRES";

    /// <summary>How to provide the server.</summary>
    public const string HowTo =
        "the PostgreSQL tests need a server; run eval \"$(tests/postgres-up.sh)\" to start a throwaway one, or set it to postgresql://user:password@host:port/database of a role that may create databases.";

    private readonly Lazy<NpgsqlConnectionStringBuilder> _database;
    private int _schemas;

    /// <summary>Prepares the database; nothing is created before a test asks for it.</summary>
    public PostgresTestDatabase() => _database = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The test database's connection settings.</summary>
    public NpgsqlConnectionStringBuilder Settings => new(_database.Value.ConnectionString);

    /// <summary>A connection string to the test database.</summary>
    public string ConnectionString => _database.Value.ConnectionString;

    /// <summary>A <c>postgresql://</c> URL of the test database.</summary>
    public string Url
    {
        get
        {
            var settings = _database.Value;
            var password = string.IsNullOrEmpty(settings.Password) ? string.Empty : ":" + Uri.EscapeDataString(settings.Password);
            return FormattableString.Invariant($"postgresql://{Uri.EscapeDataString(settings.Username ?? "postgres")}{password}@{settings.Host}:{settings.Port}/{settings.Database}");
        }
    }

    /// <summary>A schema name not used before in this run.</summary>
    public string NewSchema() => FormattableString.Invariant($"t{Interlocked.Increment(ref _schemas)}");

    /// <summary>Opens a storage on a schema of the test database.</summary>
    public PostgresStorage Open(string schema, PostgresStorageOptions? options = null)
    {
        options ??= new PostgresStorageOptions { Durable = false };
        options.Schema = schema;
        return new PostgresStorage(ConnectionString, options);
    }

    /// <summary>Runs SQL on the test database, outside any storage.</summary>
    public object? Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = Admin();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database.Value.Database} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }

    private static NpgsqlConnection Admin()
    {
        var url = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set: {HowTo}");
        var connection = new NpgsqlConnection(PostgresUrl.Parse(url, out _).ConnectionString + ";Pooling=false");
        connection.Open();
        return connection;
    }

    private static NpgsqlConnectionStringBuilder Create()
    {
        var name = $"hone_test_{Guid.NewGuid():N}"[..26];
        using (var connection = Admin())
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        var url = Environment.GetEnvironmentVariable(Variable)!;
        return new NpgsqlConnectionStringBuilder(PostgresUrl.Parse(url, out _).ConnectionString) { Database = name };
    }
}
