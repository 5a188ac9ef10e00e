namespace Switchyard.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Chromium that the README's test command (./test.sh) starts and describes
/// through SWITCHYARD_TEST_* variables. Missing variables fail the test with a message saying how to run it.
/// Linked into both the integration and the end-to-end test projects.
/// </summary>
public static class TestServices
{
    public static string PostgresConnectionString => Required("SWITCHYARD_TEST_POSTGRES");
    public static string RabbitHost => Required("SWITCHYARD_TEST_RABBITMQ_HOST");
    public static string RabbitPort => Required("SWITCHYARD_TEST_RABBITMQ_PORT");
    public static string RabbitUser => Required("SWITCHYARD_TEST_RABBITMQ_USER");
    public static string RabbitPassword => Required("SWITCHYARD_TEST_RABBITMQ_PASSWORD");
    public static string Chromium => Required("SWITCHYARD_TEST_CHROMIUM");
    public static string ServicesScript => Required("SWITCHYARD_TEST_SERVICES");

    /// <summary>StackExchange.Redis connection string of the test Redis (<c>127.0.0.1:port,password=…</c>).</summary>
    public static string Redis => Required("SWITCHYARD_TEST_REDIS");

    /// <summary>Connection string for a fresh database of the given name on the test PostgreSQL server.</summary>
    public static string PostgresDatabase(string database)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = PostgresConnectionString };
        builder["Database"] = database;
        return builder.ConnectionString;
    }

    /// <summary>Environment for a Switchyard process on the RabbitMQ transport.</summary>
    public static Dictionary<string, string> RabbitEnvironment() => new()
    {
        ["Messaging__Transport"] = "RabbitMq",
        ["Messaging__RabbitMq__Host"] = RabbitHost,
        ["Messaging__RabbitMq__Port"] = RabbitPort,
        ["Messaging__RabbitMq__Username"] = RabbitUser,
        ["Messaging__RabbitMq__Password"] = RabbitPassword,
    };

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts PostgreSQL, RabbitMQ and Chromium and sets it.");
}
