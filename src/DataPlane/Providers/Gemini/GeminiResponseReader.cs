using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Reads a Gemini <c>GenerateContentResponse</c>: each candidate becomes a choice; text parts are concatenated (parts
/// with <c>thought:true</c> go to reasoning); function calls become tool calls with synthesised ids and their
/// <c>thoughtSignature</c>. A response without candidates whose prompt was blocked is a content-filter error.
/// </summary>
internal static class GeminiResponseReader
{
    public static ProviderResult<ChatResponse> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return GatewayError.Upstream("The upstream provider sent an answer that is not a JSON object.", "invalid_upstream_response");
        }

        var hasCandidates = root.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array
            && candidates.GetArrayLength() > 0;
        if (!hasCandidates && BlockedPrompt(root) is { } blocked)
        {
            return blocked;
        }

        var response = new ChatResponse
        {
            Id = GeminiWire.Str(root, "responseId") ?? "",
            UpstreamModel = GeminiWire.ModelVersion(root),
        };
        if (hasCandidates)
        {
            var position = 0;
            foreach (var candidate in candidates.EnumerateArray())
            {
                response.Choices.Add(ReadCandidate(candidate, position++));
            }
        }
        else
        {
            response.Choices.Add(new ChatChoice { Index = 0, FinishReason = FinishReason.Stop });
        }

        if (root.TryGetProperty("usageMetadata", out var usage))
        {
            response.Usage = GeminiWire.ReadUsage(usage);
        }

        return response;
    }

    /// <summary>The error for a prompt Gemini refused to answer (<c>promptFeedback.blockReason</c>), or null.</summary>
    public static GatewayError? BlockedPrompt(JsonElement root)
    {
        if (!root.TryGetProperty("promptFeedback", out var feedback) || GeminiWire.Str(feedback, "blockReason") is not { } reason)
        {
            return null;
        }

        var message = GeminiWire.Str(feedback, "blockReasonMessage");
        return GatewayError.InvalidRequest(
            $"The upstream provider blocked the prompt (blockReason {reason}){(message is null ? "." : ": " + message)}",
            code: "content_filter");
    }

    private static ChatChoice ReadCandidate(JsonElement candidate, int position)
    {
        var choice = new ChatChoice { Index = candidate.TryGetProperty("index", out var index) && index.TryGetInt32(out var i) ? i : position };
        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts)
            && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("functionCall", out var call))
                {
                    var signature = GeminiWire.Str(part, "thoughtSignature");
                    choice.ToolCalls.Add(new ToolCall(GeminiWire.NewToolCallId(signature), GeminiWire.Str(call, "name") ?? "", GeminiWire.ArgumentsText(call))
                    {
                        Signature = signature,
                    });
                }
                else if (GeminiWire.Str(part, "text") is { } value)
                {
                    var target = GeminiWire.IsTrue(part, "thought") ? reasoning ??= new StringBuilder() : text ??= new StringBuilder();
                    target.Append(value);
                }
            }
        }

        choice.Text = text?.ToString();
        choice.Reasoning = reasoning?.ToString();
        choice.FinishReason = GeminiWire.MapFinish(GeminiWire.Str(candidate, "finishReason"), choice.ToolCalls.Count > 0);
        return choice;
    }
}
