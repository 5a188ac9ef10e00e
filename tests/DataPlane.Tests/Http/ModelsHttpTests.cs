using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class ModelsHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    [Fact]
    public async Task Get_RestrictedKey_ListsOnlyAllowedModels()
    {
        var models = await ListAsync(TestSnapshots.RestrictedKey);

        Assert.Equal(["gpt-mock"], models);
    }

    [Fact]
    public async Task Get_UnrestrictedKey_ListsAllTenantRoutes()
    {
        var models = await ListAsync(TestSnapshots.Key);

        Assert.Contains("basic", models);
        Assert.Contains("gpt-mock", models);
        Assert.Equal(TestSnapshots.UpstreamScenarios.Length + 2, models.Count);
    }

    [Fact]
    public async Task Get_NoKey_Returns401()
    {
        using var response = await fixture.Host.Client.GetAsync("/v1/models");

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Unauthorized, "missing_api_key");
    }

    [Fact]
    public async Task Get_Readyz_IsHealthyOnceSnapshotLoaded()
    {
        using var response = await fixture.Host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> ListAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await fixture.Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        return doc.RootElement.GetProperty("data").EnumerateArray()
            .Select(m =>
            {
                Assert.Equal("model", m.GetProperty("object").GetString());
                Assert.True(m.GetProperty("created").GetInt64() > 0);
                return m.GetProperty("id").GetString()!;
            })
            .ToList();
    }
}
