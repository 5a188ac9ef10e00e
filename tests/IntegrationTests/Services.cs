namespace Switchyard.IntegrationTests;

/// <summary>The PostgreSQL and RabbitMQ that ./test.sh starts, described by SWITCHYARD_TEST_* variables.</summary>
public static class Services
{
    public static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts PostgreSQL and RabbitMQ and sets it.");

    public static string PostgresDatabase(string database)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = Required("SWITCHYARD_TEST_POSTGRES") };
        builder["Database"] = database;
        return builder.ConnectionString;
    }
}
