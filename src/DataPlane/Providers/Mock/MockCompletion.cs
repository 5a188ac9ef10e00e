using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>The deterministic answer of the mock provider to one request body.</summary>
public sealed class MockCompletion
{
    private const int MaxEcho = 80;

    private MockCompletion(IReadOnlyList<string> pieces, int promptTokens)
    {
        Pieces = pieces;
        PromptTokens = promptTokens;
    }

    /// <summary>The reply split into tokens (each piece carries its leading space).</summary>
    public IReadOnlyList<string> Pieces { get; }

    public string Content => string.Concat(Pieces);

    public int PromptTokens { get; }

    public int CompletionTokens => Pieces.Count;

    public static MockCompletion From(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var allText = new StringBuilder();
        var lastUser = "";
        if (document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var text = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) ? TextOf(content) : "";
                allText.Append(text);
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8))
                {
                    lastUser = text;
                }
            }
        }

        var echo = lastUser.ReplaceLineEndings(" ").Trim();
        if (echo.Length > MaxEcho)
        {
            echo = echo[..MaxEcho];
        }

        var reply = $"Mock reply to: {echo}. This is a deterministic response from the Switchyard mock provider.";
        var words = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pieces = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            pieces[i] = i == 0 ? words[i] : " " + words[i];
        }

        return new MockCompletion(pieces, Math.Max(1, (allText.Length + 3) / 4));
    }

    private static string TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }
}
