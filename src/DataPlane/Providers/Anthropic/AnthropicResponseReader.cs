using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>Reads an Anthropic Messages response into a canonical response (provider-wire-formats §3.3, §5.3).</summary>
internal static class AnthropicResponseReader
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="jsonTool">The forced tool emulating <c>json_schema</c> (its input becomes the text), or null.</param>
    public static ChatResponse Read(JsonElement root, string? jsonTool)
    {
        var response = new ChatResponse
        {
            Id = UpstreamErrors.GetString(root, "id") ?? "",
            UpstreamModel = UpstreamErrors.GetString(root, "model"),
        };
        var choice = new ChatChoice { Index = 0 };
        string? text = null;
        string? reasoning = null;
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                switch (UpstreamErrors.GetString(block, "type"))
                {
                    case "text":
                        text += UpstreamErrors.GetString(block, "text");
                        break;
                    case "thinking":
                        reasoning += UpstreamErrors.GetString(block, "thinking");
                        break;
                    case "tool_use":
                        var name = UpstreamErrors.GetString(block, "name") ?? "";
                        var input = InputText(block);
                        if (name == jsonTool)
                        {
                            text += input;
                        }
                        else
                        {
                            choice.ToolCalls.Add(new ToolCall(UpstreamErrors.GetString(block, "id") ?? "", name, input));
                        }

                        break;
                }
            }
        }

        choice.Text = text;
        choice.Reasoning = reasoning;
        var reason = AnthropicStopReason.Map(UpstreamErrors.GetString(root, "stop_reason"));
        if (reason == FinishReason.ToolCalls && choice.ToolCalls.Count == 0)
        {
            reason = FinishReason.Stop; // Only the emulated json_schema tool was called: the answer is complete.
        }

        choice.FinishReason = reason;
        choice.StopSequence = reason == FinishReason.StopSequence ? UpstreamErrors.GetString(root, "stop_sequence") : null;
        response.Choices.Add(choice);

        var usage = default(AnthropicUsage);
        if (root.TryGetProperty("usage", out var usageElement))
        {
            usage.Read(usageElement);
        }

        response.Usage = usage.ToTokenUsage();
        return response;
    }

    /// <summary>A tool_use block's input as compact JSON text; "{}" when missing or not an object.</summary>
    private static string InputText(JsonElement block)
    {
        if (!block.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return "{}";
        }

        using var buffer = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            input.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
