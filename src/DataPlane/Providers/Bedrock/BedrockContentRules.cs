using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>What Bedrock Converse accepts as message content: inline media of known formats, JSON-object tool arguments.</summary>
internal static class BedrockContentRules
{
    /// <summary>The 400 for content Bedrock cannot take, naming it; null when every message can be written.</summary>
    public static GatewayError? Validate(ChatRequest request)
    {
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message.Role == ChatRole.Tool && string.IsNullOrEmpty(message.ToolCallId))
            {
                return GatewayError.InvalidRequest("A tool result needs the id of the call it answers.", $"messages[{i}].tool_call_id");
            }

            for (var j = 0; j < message.ToolCalls.Count; j++)
            {
                var arguments = message.ToolCalls[j].Arguments.AsSpan().Trim();
                if (arguments.Length > 0 && arguments[0] != '{')
                {
                    return GatewayError.InvalidRequest("Tool call arguments must be a JSON object.", $"messages[{i}].tool_calls[{j}].function.arguments");
                }
            }

            foreach (var part in message.Content)
            {
                if (part.Kind == ContentPartKind.Text)
                {
                    continue;
                }

                var what = part.Kind == ContentPartKind.Image ? "image" : "document";
                if (part.Data is null)
                {
                    return GatewayError.InvalidRequest(
                        $"Bedrock needs the {what} bytes inline (a base64 data URL); it cannot fetch {what} URLs such as '{Shorten(part.Url)}'.",
                        $"messages[{i}].content");
                }

                if ((part.Kind == ContentPartKind.Image ? ImageFormat(part.MediaType) : DocumentFormat(part.MediaType)) is null)
                {
                    return GatewayError.InvalidRequest($"Bedrock does not accept {what}s of type '{part.MediaType}'.", $"messages[{i}].content");
                }
            }
        }

        return null;
    }

    /// <summary>Bedrock's image format for a MIME type, or null.</summary>
    public static string? ImageFormat(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        "image/png" => "png",
        "image/jpeg" or "image/jpg" => "jpeg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => null,
    };

    /// <summary>Bedrock's document format for a MIME type (PDF when unknown), or null.</summary>
    public static string? DocumentFormat(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        null or "application/pdf" => "pdf",
        "text/csv" => "csv",
        "text/html" => "html",
        "text/plain" => "txt",
        "text/markdown" => "md",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        _ => null,
    };

    private static string Shorten(string? url) => url is null ? "" : url.Length <= 80 ? url : url[..80] + "…";
}
