using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>
/// The platform's approved models hold on the node too, whatever a route was saved with: a model only unapproved
/// deployments (or deployments outside the approved regions) could serve answers 403 <c>model_not_approved</c> in the
/// caller's dialect naming the upstream model or region; approved deployments of a mixed route keep serving.
/// </summary>
public sealed class ApprovedModelsHttpTests : IAsyncLifetime
{
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(customize: snapshot =>
    {
        var mock = snapshot.Routes.Single(r => r.PublicModel == "gpt-mock");
        var approvedDeployment = mock.Deployments[0];
        var unapprovedDeployment = approvedDeployment with { Id = Guid.CreateVersion7(), UpstreamModel = "shadow-model" };
        var regional = approvedDeployment with { Id = Guid.CreateVersion7(), UpstreamModel = "regional-model", Region = "us-east" };
        return snapshot with
        {
            Routes =
            [
                .. snapshot.Routes,
                mock with { Id = Guid.CreateVersion7(), PublicModel = "unapproved", Deployments = [unapprovedDeployment] },
                mock with { Id = Guid.CreateVersion7(), PublicModel = "wrong-region", Deployments = [regional] },
                mock with { Id = Guid.CreateVersion7(), PublicModel = "mixed", Deployments = [unapprovedDeployment with { Id = Guid.CreateVersion7() }, approvedDeployment with { Id = Guid.CreateVersion7() }] },
            ],
            ApprovedModels =
            [
                new ApprovedModelSnapshot(approvedDeployment.ProviderKind, approvedDeployment.UpstreamModel, []),
                new ApprovedModelSnapshot(approvedDeployment.ProviderKind, "regional-model", ["eu-west"]),
            ],
        };
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChatCompletions_UnapprovedUpstreamModel_Returns403NamingIt()
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("unapproved"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Forbidden, "model_not_approved");
        Assert.Contains("'shadow-model'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ApprovedModelOutsideItsRegions_Returns403NamingTheRegion()
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("wrong-region"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Forbidden, "model_not_approved");
        var message = error.GetProperty("message").GetString();
        Assert.Contains("eu-west", message, StringComparison.Ordinal);
        Assert.Contains("'us-east'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_UnapprovedUpstreamModel_Returns403InAnthropicShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"unapproved","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("permission_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("'shadow-model'", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-mock")]
    [InlineData("mixed")]
    public async Task ChatCompletions_ApprovedDeployment_Served(string model)
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
