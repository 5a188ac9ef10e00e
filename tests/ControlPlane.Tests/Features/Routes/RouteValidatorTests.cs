using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

/// <summary>The resilience fields of a route and the routing fields of its deployments, through the admin API.</summary>
public sealed class RouteValidatorTests
{
    [Fact]
    public async Task CreateRoute_EveryResilienceFieldBelowItsMinimum_ValidationProblemNamesEachField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var request = new RouteRequest("gpt",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Priority: -1, InputPricePerMTok: -0.01m, OutputPricePerMTok: -1m, HealthCheckIntervalSeconds: 4)],
            Fallbacks: [" ", "gpt"],
            ContextWindowFallbacks: [new string('m', RouteRules.PublicModelMaxLength + 1)],
            ContentPolicyFallbacks: [],
            Retry: new RouteRetrySettings(MaxAttempts: 0, BackoffMs: -1, MaxBackoffMs: -2, BudgetPercent: -1, MaxRetryAfterSeconds: -1),
            Timeouts: new RouteTimeouts(99, 99, 99),
            Breaker: new BreakerSettings(0, 0, 0, 0, 0));

        var errors = await ErrorsAsync(await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options));

        Assert.Equal(
        [
            "breaker.consecutiveFailures", "breaker.cooldownSeconds", "breaker.failureRatePercent", "breaker.minimumRequests", "breaker.windowSeconds",
            "contextWindowFallbacks[0]",
            "deployments[0].healthCheckIntervalSeconds", "deployments[0].inputPricePerMTok", "deployments[0].outputPricePerMTok", "deployments[0].priority",
            "fallbacks[0]", "fallbacks[1]",
            "retry.backoffMs", "retry.budgetPercent", "retry.maxAttempts", "retry.maxBackoffMs", "retry.maxRetryAfterSeconds",
            "timeouts.connectMs", "timeouts.firstByteMs", "timeouts.totalMs",
        ], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("own fallback", errors["fallbacks[1]"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRoute_EveryResilienceFieldAboveItsMaximum_ValidationProblemNamesEachField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var tooMany = Enumerable.Range(0, RouteResilienceRules.MaxFallbacks + 1).Select(i => $"model-{i}").ToArray();
        var request = new RouteRequest("gpt",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Priority: 1001, InputPricePerMTok: 100_000.01m, OutputPricePerMTok: 100_001m, HealthCheckIntervalSeconds: 3601)],
            Fallbacks: tooMany,
            ContextWindowFallbacks: ["other", "other"],
            Retry: new RouteRetrySettings(MaxAttempts: 11, BackoffMs: 60_001, MaxBackoffMs: 60_001, BudgetPercent: 101, MaxRetryAfterSeconds: 61),
            Timeouts: new RouteTimeouts(60_001, 600_001, 3_600_001),
            Breaker: new BreakerSettings(1001, 101, 100_001, 3601, 3601));

        var errors = await ErrorsAsync(await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", request, SwitchyardJson.Options));

        Assert.Equal(
        [
            "breaker.consecutiveFailures", "breaker.cooldownSeconds", "breaker.failureRatePercent", "breaker.minimumRequests", "breaker.windowSeconds",
            "contextWindowFallbacks[1]",
            "deployments[0].healthCheckIntervalSeconds", "deployments[0].inputPricePerMTok", "deployments[0].outputPricePerMTok", "deployments[0].priority",
            "fallbacks",
            "retry.backoffMs", "retry.budgetPercent", "retry.maxAttempts", "retry.maxBackoffMs", "retry.maxRetryAfterSeconds",
            "timeouts.connectMs", "timeouts.firstByteMs", "timeouts.totalMs",
        ], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("twice", errors["contextWindowFallbacks[1]"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateRoute_MaxBackoffBelowBackoff_ValidationProblemNamesMaxBackoffMs()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var route = await CreateAsync(host, tenant.Id, new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")]));

        var errors = await ErrorsAsync(await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}",
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")], Retry: new RouteRetrySettings(BackoffMs: 500, MaxBackoffMs: 499)),
            SwitchyardJson.Options));

        Assert.Equal(["retry.maxBackoffMs"], errors.Keys);
    }

    [Fact]
    public async Task CreateRoute_EveryFieldAtItsMinimumAndAtItsMaximum_Created()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var targets = new List<string>();
        for (var i = 0; i < RouteResilienceRules.MaxFallbacks; i++)
        {
            targets.Add((await CreateAsync(host, tenant.Id, new RouteRequest($"target-{i}", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")]))).PublicModel);
        }

        var minimum = new RouteRequest("min",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Priority: 0, InputPricePerMTok: 0m, OutputPricePerMTok: 0m, HealthCheckIntervalSeconds: 5)],
            Fallbacks: [targets[0]],
            Retry: new RouteRetrySettings(1, 0, 0, 0, 0),
            Timeouts: new RouteTimeouts(100, 100, 100),
            Breaker: new BreakerSettings(1, 1, 1, 1, 1));
        var maximum = new RouteRequest("max",
            [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt", Priority: 1000, InputPricePerMTok: 100_000m, OutputPricePerMTok: 100_000m, HealthCheckIntervalSeconds: 3600)],
            Fallbacks: targets, ContextWindowFallbacks: targets, ContentPolicyFallbacks: targets,
            Retry: new RouteRetrySettings(10, 60_000, 60_000, 100, 60),
            Timeouts: new RouteTimeouts(60_000, 600_000, 3_600_000),
            Breaker: new BreakerSettings(1000, 100, 100_000, 3600, 3600));

        var min = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", minimum, SwitchyardJson.Options);
        var max = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", maximum, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, min.StatusCode);
        Assert.Equal(HttpStatusCode.Created, max.StatusCode);
    }

    [Fact]
    public async Task CreateRoute_FallbackNotARouteOfTheTenant_ValidationProblemNamesTheEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        await CreateAsync(host, tenant.Id, new RouteRequest("claude", [new DeploymentRequest(ProviderKinds.Mock, "mock-claude")]));
        await CreateAsync(host, other.Id, new RouteRequest("gemini", [new DeploymentRequest(ProviderKinds.Mock, "mock-gemini")]));

        var errors = await ErrorsAsync(await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")],
                Fallbacks: ["claude", "gemini"], ContentPolicyFallbacks: ["nowhere"]), SwitchyardJson.Options));

        Assert.Equal(["contentPolicyFallbacks[0]", "fallbacks[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'gemini'", errors["fallbacks[1]"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRoute_AllResilienceFields_ReturnedByCreateGetListAndUpdate()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await CreateAsync(host, tenant.Id, new RouteRequest("claude", [new DeploymentRequest(ProviderKinds.Mock, "mock-claude")]));
        await CreateAsync(host, tenant.Id, new RouteRequest("claude-long", [new DeploymentRequest(ProviderKinds.Mock, "mock-claude")]));
        var request = new RouteRequest("gpt",
            [
                new DeploymentRequest(ProviderKinds.Mock, "mock-a", Priority: 0, InputPricePerMTok: 2.5m, OutputPricePerMTok: 10m, HealthCheckIntervalSeconds: 30),
                new DeploymentRequest(ProviderKinds.Mock, "mock-b", Priority: 1),
            ],
            Strategy: RoutingStrategies.Priority,
            Fallbacks: ["claude"], ContextWindowFallbacks: ["claude-long"], ContentPolicyFallbacks: ["claude", "claude-long"],
            Sticky: true,
            Retry: new RouteRetrySettings(4, 200, 3000, 50, 10),
            Timeouts: new RouteTimeouts(ConnectMs: 2000, TotalMs: 120_000),
            Breaker: new BreakerSettings(3, 40, 10, 30, 15));

        var created = await CreateAsync(host, tenant.Id, request);
        var got = await host.Admin.GetFromJsonAsync<RouteDto>($"/api/tenants/{tenant.Id}/routes/{created.Id}", SwitchyardJson.Options);
        var listed = (await host.Admin.GetFromJsonAsync<RouteDto[]>($"/api/tenants/{tenant.Id}/routes", SwitchyardJson.Options))!.Single(r => r.Id == created.Id);
        var updatedResponse = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/routes/{created.Id}",
            request with { Sticky = false, Retry = null, Fallbacks = [], Deployments = [request.Deployments[1] with { Priority = 7 }] }, SwitchyardJson.Options);
        var updated = (await updatedResponse.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
        var gotAfterUpdate = await host.Admin.GetFromJsonAsync<RouteDto>($"/api/tenants/{tenant.Id}/routes/{created.Id}", SwitchyardJson.Options);

        foreach (var route in new[] { created, got!, listed })
        {
            Assert.Equal(["claude"], route.Fallbacks!);
            Assert.Equal(["claude-long"], route.ContextWindowFallbacks!);
            Assert.Equal(["claude", "claude-long"], route.ContentPolicyFallbacks!);
            Assert.True(route.Sticky);
            Assert.Equal((request.Retry, request.Timeouts, request.Breaker), (route.Retry, route.Timeouts, route.Breaker));
            Assert.Equal((0, 2.5m, 10m, (int?)30), (route.Deployments[0].Priority, route.Deployments[0].InputPricePerMTok, route.Deployments[0].OutputPricePerMTok,
                route.Deployments[0].HealthCheckIntervalSeconds));
            Assert.Equal((1, (decimal?)null, (int?)null), (route.Deployments[1].Priority, route.Deployments[1].InputPricePerMTok, route.Deployments[1].HealthCheckIntervalSeconds));
        }

        Assert.Equal(HttpStatusCode.OK, updatedResponse.StatusCode);
        foreach (var route in new[] { updated, gotAfterUpdate! })
        {
            Assert.False(route.Sticky);
            Assert.Null(route.Retry);
            Assert.Null(route.Fallbacks);
            Assert.Equal(["claude-long"], route.ContextWindowFallbacks!);
            Assert.Equal(7, Assert.Single(route.Deployments).Priority);
        }
    }

    [Fact]
    public async Task GetRoute_RouteOfAnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        var route = await CreateAsync(host, other.Id, new RouteRequest("gpt", [new DeploymentRequest(ProviderKinds.Mock, "mock-gpt")]));

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/routes/{route.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static async Task<RouteDto> CreateAsync(ControlPlaneTestHost host, Guid tenantId, RouteRequest request)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/routes", request, SwitchyardJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options))!;
    }

    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!, StringComparer.Ordinal);
    }
}
