using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiProviderRegistrationTests
{
    [Fact]
    public async Task AddDataPlane_GeminiRoute_IsServedByGeminiProvidersWithTheNodeUpstreamClient()
    {
        await using var gemini = await GeminiTestSupport.RespondWithAsync(200, Fixture.Text("gemini-generatecontent-response.json"));
        await using var host = await DataPlaneTestHost.StartAsync(customize: s =>
            s.AddRoute("my-gemini", ProviderKinds.Gemini, "gemini-2.0-flash", gemini.BaseUrl + "/v1beta", "AIza-node-secret"));
        var registry = host.Services.GetRequiredService<ProviderRegistry>();
        var deployment = host.Services.GetRequiredService<SnapshotStore>().Current!.FindRoute(TestSnapshots.TenantId, "my-gemini")!.Deployments[0];

        var provider = Assert.IsType<GeminiChatProvider>(registry.FindChat(ProviderKinds.Gemini));
        Assert.IsType<GeminiEmbeddingProvider>(registry.FindEmbeddings(ProviderKinds.Gemini));
        var result = await provider.CompleteAsync(GeminiChatProviderTests.Request(), deployment, CancellationToken.None);

        Assert.Equal("Hello! How can I help you today?\n", result.Value!.Choices[0].Text);
        Assert.Equal("AIza-node-secret", gemini.Last.Headers["x-goog-api-key"]);
    }
}
