using System.Net;

namespace Switchyard.Portal.Services;

/// <summary>A failed admin API call, with a message fit to show the user (from the API's ProblemDetails when it sent one).</summary>
public sealed class ControlPlaneException : Exception
{
    public ControlPlaneException(HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status, or null when the control plane could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }
}
