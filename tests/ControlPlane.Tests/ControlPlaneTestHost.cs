using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests;

/// <summary>
/// The control plane as a host composes it (AddControlPlane + AddSwitchyardMessaging, MapControlPlane) on an in-memory
/// test server: SQLite in a temp file, in-memory bus and job storage, a known node secret and admin key.
/// </summary>
public sealed class ControlPlaneTestHost : IAsyncDisposable
{
    public const string NodeSecret = "test-node-secret-0123456789abcdef-0123456789";
    public const string AdminKey = "sk-sya-test-platform-admin-key-0123456789abcdef";

    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private ControlPlaneTestHost(WebApplication app, string directory, bool ownsDirectory)
    {
        App = app;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Anonymous = app.GetTestClient();
        Admin = CreateClient(AdminKey);
    }

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    public HttpClient Anonymous { get; }

    /// <summary>Authenticated with the bootstrap platform admin key.</summary>
    public HttpClient Admin { get; }

    /// <param name="directory">
    /// Where the SQLite database lives; a test that restarts the control plane on the same database passes its own
    /// directory (kept on dispose). By default a fresh temp directory, deleted on dispose.
    /// </param>
    /// <param name="services">Replaces or adds services after the control plane registered its own (test seams).</param>
    /// <param name="map">Maps extra endpoints after the control plane's (tests of conventions that apply to any endpoint).</param>
    public static async Task<ControlPlaneTestHost> StartAsync(
        IDictionary<string, string?>? overrides = null, string? directory = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "switchyard-cp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ControlPlane"] = $"Data Source={Path.Combine(directory, "controlplane.db")}",
            ["ControlPlane:NodeSecret"] = NodeSecret,
            ["SWITCHYARD_ADMIN_KEY"] = AdminKey,
            ["Messaging:Transport"] = "InMemory",
            ["Jobs:Storage"] = "InMemory",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.AddControlPlane();
        builder.AddSwitchyardMessaging();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapControlPlane();
        map?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (ownsDirectory)
            {
                Cleanup(directory);
            }

            throw;
        }

        return new ControlPlaneTestHost(app, directory, ownsDirectory);
    }

    public HttpClient CreateClient(string bearerToken)
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    /// <summary>A fresh DbContext outside any request (no tenant restriction).</summary>
    public async Task<T> WithDbAsync<T>(Func<ControlPlaneDbContext, Task<T>> action)
    {
        await using var scope = CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>());
    }

    /// <summary>
    /// Waits until the nodes' endpoints serve the latest revision: they serve what the publisher built, at most one
    /// <c>ConfigDistribution:CoalesceMs</c> window after a change.
    /// </summary>
    public async Task WaitUntilPublishedAsync()
    {
        var latest = await WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
        using var node = CreateClient(NodeSecret);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await node.GetFromJsonAsync<RevisionInfo>(InternalRoutes.Revision, SwitchyardJson.Options, timeout.Token))!.Revision < latest)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task<TenantDto> CreateTenantAsync(string name)
    {
        var response = await Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(name), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!;
    }

    public async Task<TeamDto> CreateTeamAsync(Guid tenantId, string name)
    {
        var response = await Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/teams", new CreateTeamRequest(name), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!;
    }

    /// <summary>
    /// Creates a member and signs in as them; returns a client carrying their bearer token. With <paramref name="teamId"/>
    /// the member also joins that team with <paramref name="teamRole"/>.
    /// </summary>
    public async Task<HttpClient> MemberClientAsync(
        Guid tenantId, string email, MemberRole role, string password = "correct-horse-battery", Guid? teamId = null, TeamRole teamRole = TeamRole.Member)
    {
        var created = await Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, password, role), SwitchyardJson.Options);
        created.EnsureSuccessStatusCode();
        if (teamId is { } team)
        {
            var member = (await created.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;
            await JoinTeamAsync(tenantId, team, member.Id, teamRole);
        }

        var login = await Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password), SwitchyardJson.Options);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!.AccessToken;
        return CreateClient(token);
    }

    /// <summary>Adds a member to a team (or changes their team role) as the platform admin.</summary>
    public async Task JoinTeamAsync(Guid tenantId, Guid teamId, Guid memberId, TeamRole role = TeamRole.Member)
    {
        var response = await Admin.PutAsJsonAsync($"/api/tenants/{tenantId}/teams/{teamId}/members/{memberId}", new SetTeamMemberRequest(role), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The snapshot the nodes are served once the latest revision is published.</summary>
    public async Task<ConfigSnapshot> PublishedSnapshotAsync()
    {
        await WaitUntilPublishedAsync();
        using var node = CreateClient(NodeSecret);
        return (await node.GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDirectory)
        {
            Cleanup(_directory);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public static void Cleanup(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner.
        }
    }
}
