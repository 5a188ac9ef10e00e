namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A SCIM request the server refuses, answered in SCIM's error shape by <see cref="ScimExceptionHandler"/>
/// (RFC 7644 §3.12: <c>status</c>, <c>scimType</c>, <c>detail</c>).
/// </summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary><c>invalidFilter</c>, <c>uniqueness</c>, <c>invalidSyntax</c>, <c>invalidValue</c>, <c>noTarget</c>, <c>mutability</c>…; null for none.</summary>
    public string? ScimType { get; } = scimType;

    public static ScimException NotFound(string what) => new(StatusCodes.Status404NotFound, null, $"{what} was not found.");

    public static ScimException Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);

    public static ScimException InvalidValue(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);

    public static ScimException InvalidSyntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);

    public static ScimException InvalidFilter(string detail) => new(StatusCodes.Status400BadRequest, "invalidFilter", detail);
}
