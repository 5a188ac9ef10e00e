using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchyard.Portal.Services;

/// <summary>Turns an admin API error response (ProblemDetails) into a sentence for the user.</summary>
internal static class ProblemMessages
{
    public const string SessionExpired = "Your session has expired; sign in again.";
    public const string Unreachable = "The control plane could not be reached; try again in a moment.";
    public const string TimedOut = "The control plane did not answer in time; try again in a moment.";
    public const string EmptyResponse = "The control plane sent an unexpected response.";
    public const string WrongCredentials = "Wrong email or password.";
    public const string LockedOut = "Account locked after repeated failed sign-ins; try again later.";

    /// <summary>The exception for a failed answer: a sentence for the user and the fields the ProblemDetails named.</summary>
    public static async Task<ControlPlaneException> ReadAsync(HttpResponseMessage response, bool isLogin, CancellationToken cancellationToken)
    {
        var fieldErrors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var message = await ReadMessageAsync(response, isLogin, fieldErrors, cancellationToken);
        return new ControlPlaneException(response.StatusCode, message, fieldErrors: fieldErrors);
    }

    private static async Task<string> ReadMessageAsync(
        HttpResponseMessage response, bool isLogin, Dictionary<string, string[]> fieldErrors, CancellationToken cancellationToken)
    {
        if (isLogin && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return WrongCredentials;
        }

        if (response.StatusCode == HttpStatusCode.Locked)
        {
            return LockedOut;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return SessionExpired;
        }

        var fromBody = await ReadProblemAsync(response, fieldErrors, cancellationToken);
        return fromBody ?? response.StatusCode switch
        {
            HttpStatusCode.Forbidden => "You are not allowed to do this.",
            HttpStatusCode.NotFound => "Not found.",
            _ => $"The control plane answered {(int)response.StatusCode} ({response.ReasonPhrase}).",
        };
    }

    private static async Task<string?> ReadProblemAsync(
        HttpResponseMessage response, Dictionary<string, string[]> fieldErrors, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var text = new StringBuilder(Read(root, "detail") ?? Read(root, "title") ?? string.Empty);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    string[] messages = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                        : [field.Value.ToString()];
                    fieldErrors[field.Name] = messages;
                    foreach (var message in messages)
                    {
                        text.Append(text.Length > 0 ? " " : string.Empty).Append(message);
                    }
                }
            }

            return text.Length > 0 ? text.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : null;
}
