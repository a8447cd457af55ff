using Hone.Storages;

namespace Hone.Tests.Storages;

public sealed class PostgresUrlTests
{
    [Fact]
    public void Parse_FullUrl_TakesEveryPart()
    {
        var settings = PostgresUrl.Parse("postgresql://ada:s%40cr%3At@db.example.com:6543/hpo%20runs?schema=team_a&sslmode=require&application_name=worker+1", out var schema);

        Assert.Equal("ada", settings.Username);
        Assert.Equal("s@cr:t", settings.Password);
        Assert.Equal("db.example.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("hpo runs", settings.Database);
        Assert.Equal("team_a", schema);
        Assert.Equal(Npgsql.SslMode.Require, settings.SslMode);
        Assert.Equal("worker 1", settings.ApplicationName);
    }

    [Theory]
    [InlineData("postgres://u@localhost/db", "localhost", 5432)]
    [InlineData("postgresql://u@[::1]:5433/db", "::1", 5433)]
    [InlineData("POSTGRESQL://u@127.0.0.1/db", "127.0.0.1", 5432)]
    public void Parse_HostForms_DefaultPort5432(string url, string host, int port)
    {
        var settings = PostgresUrl.Parse(url, out var schema);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
        Assert.Equal("db", settings.Database);
        Assert.Null(settings.Password);
        Assert.Null(schema);
    }

    [Fact]
    public void Parse_ConnectionString_PassesThrough()
    {
        var settings = PostgresUrl.Parse("Host=h;Port=1234;Database=d;Username=u;Password=p", out var schema);

        Assert.Equal(("h", 1234, "d", "u", "p"), (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password));
        Assert.Null(schema);
    }

    [Theory]
    [InlineData("postgresql://ada:secret@host:5432", "names no database")]
    [InlineData("postgresql://ada:secret@host:5432/", "names no database")]
    [InlineData("postgresql://ada:secret@host:5432/db?colour=blue", "'colour=blue'")]
    [InlineData("postgresql://ada:secret@host:notaport/db", "not a valid PostgreSQL URL")]
    public void Parse_BadUrl_ThrowsOneLineWithoutThePassword(string url, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresUrl.Parse(url, out _));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://ada:***@host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Redact_ConnectionString_HidesThePassword()
    {
        Assert.Equal("Host=h;Password=***;Database=d", PostgresUrl.Redact("Host=h;Password=hunter2;Database=d"));
    }

    [Fact]
    public void Constructor_SchemaNotAPlainIdentifier_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresStorage("postgresql://u@127.0.0.1:1/db?schema=Bad-Name"));

        Assert.Contains("'Bad-Name'", error.Message, StringComparison.Ordinal);
    }
}
