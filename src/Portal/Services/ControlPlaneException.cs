using System.Net;

namespace Switchyard.Portal.Services;

/// <summary>A failed admin API call, with a message fit to show the user (from the API's ProblemDetails when it sent one).</summary>
public sealed class ControlPlaneException : Exception
{
    public ControlPlaneException(
        HttpStatusCode? statusCode, string message, Exception? innerException = null, IReadOnlyDictionary<string, string[]>? fieldErrors = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        FieldErrors = fieldErrors ?? new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status, or null when the control plane could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The ProblemDetails' <c>errors</c> by field as the API names them (<c>deployments[1].baseUrl</c>, <c>retry.maxAttempts</c>);
    /// empty when the answer named no field.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; }
}
