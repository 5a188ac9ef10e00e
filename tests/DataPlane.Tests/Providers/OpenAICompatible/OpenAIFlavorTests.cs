using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

/// <summary>The per-kind request quirks (wire formats §4.4) as the request writer applies them.</summary>
public class OpenAIFlavorTests
{
    private const string UpstreamModel = "mistral-large-latest";

    [Fact]
    public void Write_Mistral_RemapsToolCallIdsConsistentlyAndRenamesSeed()
    {
        var request = FixtureRequests.ToolResult();
        request.Seed = 42;
        request.ToolChoice = ToolChoice.Required;

        var node = JsonNode.Parse(Write(request, ProviderKinds.Mistral))!;

        var callId = (string)node["messages"]![1]!["tool_calls"]![0]!["id"]!;
        Assert.Matches("^[a-zA-Z0-9]{9}$", callId);
        Assert.Equal(callId, (string)node["messages"]![2]!["tool_call_id"]!);
        Assert.Equal(callId, (string)JsonNode.Parse(Write(request, ProviderKinds.Mistral))!["messages"]![1]!["tool_calls"]![0]!["id"]!);
        Assert.Equal(42, (long)node["random_seed"]!);
        Assert.Null(node["seed"]);
        Assert.Equal("any", (string)node["tool_choice"]!);
    }

    [Fact]
    public void Write_MistralStream_LeavesOutFieldsMistralRefuses()
    {
        var request = FixtureRequests.Basic();
        request.Stream = true;
        request.Messages[0] = new ChatMessage { Role = ChatRole.User, Name = "alice", Content = [ContentPart.FromText("hello")] };

        var node = JsonNode.Parse(Write(request, ProviderKinds.Mistral))!.AsObject();

        // 422 extra_forbidden otherwise; Mistral's last chunk carries usage unasked.
        Assert.False(node.ContainsKey("stream_options") || node.ContainsKey("user") || node.ContainsKey("max_completion_tokens"));
        Assert.Null(node["messages"]![1]!["name"]);
        Assert.True((bool)node["stream"]!);
        Assert.Equal(20, (int)node["max_tokens"]!);
    }

    [Fact]
    public void MistralToolCallIds_DifferentIds_GiveDifferentValidIds()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => MistralToolCallIds.Map($"toolu_01A{i}")).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9]{9}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("D681PevKs", MistralToolCallIds.Map("D681PevKs"));
    }

    [Fact]
    public void Write_OpenAI_KeepsIdsSeedAndRequiredToolChoice()
    {
        var request = FixtureRequests.ToolResult();
        request.Seed = 42;
        request.ToolChoice = ToolChoice.Required;

        var node = JsonNode.Parse(Write(request, ProviderKinds.OpenAI))!;

        Assert.Equal("call_8qbINM045wlmKZt9bVJgwAym", (string)node["messages"]![2]!["tool_call_id"]!);
        Assert.Equal(42, (long)node["seed"]!);
        Assert.Equal("required", (string)node["tool_choice"]!);
    }

    [Fact]
    public void Write_Groq_DropsRejectedFieldsAndNames()
    {
        var request = FixtureRequests.Basic();
        request.Messages[0] = new ChatMessage { Role = ChatRole.User, Name = "alice", Content = [ContentPart.FromText("hello")] };
        request.Extra = new()
        {
            ["logprobs"] = JsonDocument.Parse("true").RootElement,
            ["top_logprobs"] = JsonDocument.Parse("3").RootElement,
            ["logit_bias"] = JsonDocument.Parse("""{"50256":-100}""").RootElement,
            ["service_tier"] = JsonDocument.Parse("\"auto\"").RootElement,
        };

        var groq = JsonNode.Parse(Write(request, ProviderKinds.Groq))!.AsObject();
        var openai = JsonNode.Parse(Write(request, ProviderKinds.OpenAI))!.AsObject();

        Assert.False(groq.ContainsKey("logprobs") || groq.ContainsKey("top_logprobs") || groq.ContainsKey("logit_bias"));
        Assert.Null(groq["messages"]![1]!["name"]);
        Assert.Equal("auto", (string)groq["service_tier"]!);
        Assert.True((bool)openai["logprobs"]!);
        Assert.Equal("alice", (string)openai["messages"]![1]!["name"]!);
    }

    [Fact]
    public void Validate_GroqWithSeveralChoices_NamesN()
    {
        var request = FixtureRequests.Basic();
        request.N = 2;

        var error = OpenAIRequestWriter.Validate(request, OpenAIFlavor.For(ProviderKinds.Groq));

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal("n", error.Param);
        Assert.Null(OpenAIRequestWriter.Validate(request, OpenAIFlavor.For(ProviderKinds.OpenAI)));
    }

    private static string Write(ChatRequest request, string kind)
    {
        using var output = new PooledBufferWriter();
        OpenAIRequestWriter.Write(request, OpenAIFlavor.For(kind), UpstreamModel, request.Stream, output);
        return OpenAIProviderKit.Utf8(output.WrittenSpan);
    }
}
