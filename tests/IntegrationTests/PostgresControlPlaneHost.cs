using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.ControlPlane;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.IntegrationTests;

/// <summary>
/// The control plane on real PostgreSQL (a fresh database per host), RabbitMQ and Hangfire on PostgreSQL, served by
/// Kestrel on 127.0.0.1. Services come from ./test.sh through SWITCHYARD_TEST_* variables.
/// </summary>
public sealed class PostgresControlPlaneHost : IAsyncDisposable
{
    public const string AdminKey = "sk-sya-integration-platform-admin-0123456789abcdef";
    public const string NodeSecret = "integration-node-secret-0123456789abcdef-0123";

    /// <summary>Required with PostgreSQL: the key ring is encrypted at rest.</summary>
    public const string KeyEncryptionKey = "integration-keyring-kek-0123456789abcdef-0123";

    private readonly ServerErrorLog _errors;

    private PostgresControlPlaneHost(WebApplication app, string baseUrl, string database, ServerErrorLog errors, string? virtualHost)
    {
        _errors = errors;
        VirtualHost = virtualHost;
        App = app;
        BaseUrl = baseUrl;
        Database = database;
        Admin = Client(AdminKey);
    }

    public WebApplication App { get; }
    public string BaseUrl { get; }

    /// <summary>The database's name: a second host started with it is another control plane of the same platform.</summary>
    public string Database { get; }
    public HttpClient Admin { get; }

    /// <summary>The host's own RabbitMQ virtual host (named like its database), or null on the broker's shared "/".</summary>
    public string? VirtualHost { get; }

    /// <param name="database">An existing host's <see cref="Database"/> to share it; by default a fresh database.</param>
    /// <param name="privateBroker">
    /// Use a RabbitMQ virtual host of its own (deleted with the host), so no message another test left in the shared queues,
    /// and no other consumer of them, reaches this host.
    /// </param>
    public static async Task<PostgresControlPlaneHost> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null, string? database = null, bool privateBroker = false)
    {
        database ??= "sy_it_" + Guid.NewGuid().ToString("N")[..12];
        var virtualHost = privateBroker ? database : null;
        if (virtualHost is not null)
        {
            await RabbitCtlAsync("add_vhost", virtualHost);
            await RabbitCtlAsync("set_permissions", "-p", virtualHost, TestServices.RabbitUser, ".*", ".*", ".*");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ControlPlane"] = TestServices.PostgresDatabase(database),
            ["Jobs:Storage"] = "Postgres",
            ["ControlPlane:NodeSecret"] = NodeSecret,
            ["DataProtection:KeyEncryptionKey"] = KeyEncryptionKey,
            ["SWITCHYARD_ADMIN_KEY"] = AdminKey,
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = TestServices.RabbitHost,
            ["Messaging:RabbitMq:Port"] = TestServices.RabbitPort,
            ["Messaging:RabbitMq:Username"] = TestServices.RabbitUser,
            ["Messaging:RabbitMq:Password"] = TestServices.RabbitPassword,
            ["Messaging:RabbitMq:VirtualHost"] = virtualHost ?? "/",
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var errors = new ServerErrorLog();
        builder.Logging.AddProvider(errors);
        builder.AddControlPlane();
        builder.AddSwitchyardMessaging();
        var app = builder.Build();
        app.MapControlPlane();
        await app.StartAsync();

        // The bus starts in the background: wait until its receive endpoints (queues and their bindings) are set up, or a
        // message a test publishes at once can reach an exchange no queue is bound to yet (after a broker restart, say) and
        // be dropped — the one failure of a full run here (PostgresRouteHealthTests, first test after the restart).
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PostgresControlPlaneHost(app, address.TrimEnd('/'), database, errors, virtualHost);
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient(_errors.Handler()) { BaseAddress = new Uri(BaseUrl) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<ControlPlaneDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>());
    }

    /// <summary>Waits until the nodes' endpoints serve the latest revision (the publisher builds at most once per window).</summary>
    public async Task WaitUntilPublishedAsync()
    {
        var latest = await WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
        using var node = Client(NodeSecret);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await node.GetFromJsonAsync<RevisionInfo>(InternalRoutes.Revision, SwitchyardJson.Options, timeout.Token))!.Revision < latest)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task<T> PostAsync<T>(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, SwitchyardJson.Options);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options))!;
    }

    /// <summary>Creates a member of the tenant and returns a client signed in as them (bearer token from /api/auth/login).</summary>
    /// <param name="teamId">A team the member joins (developers create keys only in their own teams).</param>
    public async Task<HttpClient> MemberAsync(Guid tenantId, MemberRole role, Guid? teamId = null)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        const string password = "integration-password-1";
        var member = await PostAsync<MemberDto>(Admin, $"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, password, role));
        if (teamId is { } team)
        {
            using var joined = await Admin.PutAsJsonAsync($"/api/tenants/{tenantId}/teams/{team}/members/{member.Id}", new SetTeamMemberRequest(), SwitchyardJson.Options);
            joined.EnsureSuccessStatusCode();
        }

        using var anonymous = Client();
        var login = await PostAsync<LoginResponse>(anonymous, "/api/auth/login", new LoginRequest(email, password));
        return Client(login.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        try
        {
            await App.StopAsync();
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out while Hangfire's server was still stopping (seen twice in this session's
            // test runs, both on a loaded machine): teardown, not the behaviour under test; the process-level drain is tested elsewhere.
        }

        await App.DisposeAsync();
        if (VirtualHost is not null)
        {
            await RabbitCtlAsync("delete_vhost", VirtualHost);
        }
    }

    /// <summary>rabbitmqctl against the test broker (through infra/services.sh); its standard output.</summary>
    public static async Task<string> RabbitCtlAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(TestServices.ServicesScript);
        info.ArgumentList.Add("rabbitmqctl");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {string.Join(' ', arguments)}: exit {process.ExitCode}: {error}");
        return await output;
    }
}
