using System.Text.Json;

namespace Switchyard.ControlPlane.Infrastructure.Errors;

/// <summary>
/// A client's message for a request the endpoint could not bind: for a JSON body, what is wrong and where (the JSON path
/// and position), without the .NET type names the serializer's own message carries.
/// </summary>
internal static class BadRequestDetail
{
    public const string NotJson = "The request body must be JSON, sent with Content-Type: application/json.";

    public static string Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is not JsonException json)
        {
            return exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? NotJson
                : exception.Message;
        }

        var where = json.Path is null ? "" : $" at {json.Path}";
        if (json.LineNumber is { } line && json.BytePositionInLine is { } position)
        {
            where += $" (line {line + 1}, position {position + 1})";
        }

        // The serializer's message for a value of the wrong type names a .NET type; its syntax errors are worth showing.
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = message.Contains("could not be converted", StringComparison.Ordinal) || cut <= 0
            ? "a value has the wrong type or shape"
            : message[..cut].TrimEnd('.', ' ');
        return $"The request body is not valid JSON for this endpoint: {reason}{where}.";
    }
}
