using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

public sealed class ListAuditEntriesTests
{
    [Fact]
    public async Task List_Filters_OnlyMatchingEntriesNewestFirst()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 6);
        await AuditTestData.IngestAsync(host, records);

        var claude = await ListAsync(host, tenant.Id, "model=mock-claude");
        var email = await ListAsync(host, tenant.Id, "finding=email");
        var other = await ListAsync(host, tenant.Id, $"keyId={Guid.NewGuid()}");

        Assert.Equal(records.Where((_, i) => i % 2 == 1).Select(r => r.Id).Reverse(), claude.Items.Select(e => e.Id));
        Assert.Equal(records[1].Id, Assert.Single(email.Items).Id);
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task List_Paged_NextPageContinuesWhereTheFirstEnded()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 5);
        await AuditTestData.IngestAsync(host, records);

        var first = await ListAsync(host, tenant.Id, "limit=3");
        var second = await ListAsync(host, tenant.Id, $"limit=3&before={first.Next}");

        Assert.Equal(records.Select(r => r.Id).Reverse(), first.Items.Concat(second.Items).Select(e => e.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Export_CsvAndJsonLines_OneLinePerEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var records = AuditTestData.Records(tenant.Id, 3);
        await AuditTestData.IngestAsync(host, records);

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/tenants/{tenant.Id}/audit/export");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await host.Admin.SendAsync(csvRequest);
        var jsonl = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/audit/export?format=jsonl");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvLines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,timestamp,nodeId,sequence", csvLines[0], StringComparison.Ordinal);
        Assert.Equal(records.Select(r => r.Id.ToString()), csvLines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType!.MediaType);
        var entries = (await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<AuditRequestEntryDto>(l, SwitchyardJson.Options)!).ToList();
        Assert.Equal(records.Select(r => r.Id), entries.Select(e => e.Id));
        Assert.Equal(records[2].Audit!.RequestSha256, entries[2].RequestSha256);
    }

    [Fact]
    public async Task Export_AdminCsv_OutcomeColumnOfEachEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Name: "acme-renamed"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var refused = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Audit: new AuditSettings("everything")), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var csv = await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/audit/export?type=admin&format=csv");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("statusCode", header[Array.IndexOf(header, "outcome") - 1]);
        var outcome = Array.IndexOf(header, "outcome");
        var status = Array.IndexOf(header, "statusCode");
        Assert.Equal([("200", "saved"), ("400", "refused")], lines.Skip(1).Select(l => l.Split(',')).Select(f => (f[status], f[outcome])));
    }

    [Fact]
    public async Task List_UnknownType_ValidationProblemNamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/audit?type=everything");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"type\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("type=admin&from=not-a-time", "from")]
    public async Task List_UnreadableTime_ValidationProblemNamingTheField(string query, string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Export_UnreadableTime_ValidationProblemNamingTheField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/audit/export?format=csv&to=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("to", out _));
    }

    private static async Task<AuditRequestPage> ListAsync(ControlPlaneTestHost host, Guid tenantId, string query) =>
        (await host.Admin.GetFromJsonAsync<AuditRequestPage>($"/api/tenants/{tenantId}/audit?{query}", SwitchyardJson.Options))!;
}
