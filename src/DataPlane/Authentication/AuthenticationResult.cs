using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Authentication;

/// <summary>A virtual key lookup: the key, or the OpenAI-style error to return.</summary>
public readonly record struct AuthenticationResult(KeySnapshot? Key, int Status, string? Message, string? Type, string? Code)
{
    public bool Succeeded => Key is not null;

    public static AuthenticationResult Success(KeySnapshot key) => new(key, 200, null, null, null);

    public static AuthenticationResult Failure(int status, string message, string type, string? code) => new(null, status, message, type, code);
}
