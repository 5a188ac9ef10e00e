using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// A validation failure inside the request reader. Readers throw it with the path relative to the value they read;
/// each enclosing reader prefixes its own segment, so the parameter path is only built when a request is rejected.
/// <see cref="OpenAIRequestReader"/> turns it into a <see cref="GatewayError"/>; it never leaves the dialect.
/// </summary>
internal sealed class OpenAIRequestException : Exception
{
    public const string InvalidValue = "invalid_value";
    public const string InvalidType = "invalid_type";
    public const string MissingParameter = "missing_required_parameter";

    /// <param name="template">The message; <c>{param}</c> is replaced by the full parameter path.</param>
    public OpenAIRequestException(string template, string code, string? param = null)
        : base(template)
    {
        Code = code;
        Param = param;
    }

    public string Code { get; }

    /// <summary>The path of the faulty value relative to the reader that caught it last, e.g. <c>[2].tool_call_id</c>.</summary>
    public string? Param { get; private set; }

    /// <summary>Puts an enclosing property name or <c>[index]</c> in front of the path.</summary>
    public OpenAIRequestException Prefix(string segment)
    {
        Param = Param is null ? segment : Param[0] == '[' ? segment + Param : segment + "." + Param;
        return this;
    }

    public GatewayError ToError() =>
        GatewayError.InvalidRequest(Message.Replace("{param}", Param ?? "body", StringComparison.Ordinal), Param, Code);

    public static OpenAIRequestException Missing(string? param = null) =>
        new("Missing required parameter: '{param}'.", MissingParameter, param);

    public static OpenAIRequestException Invalid(string detail, string? param = null) =>
        new("Invalid '{param}': " + detail, InvalidValue, param);

    /// <summary>A value outside an enumeration, e.g. an unknown role.</summary>
    public static OpenAIRequestException Unsupported(string value, string supported, string? param = null) =>
        new($"Invalid value for '{{param}}': '{value}'. Supported values are: {supported}.", InvalidValue, param);
}
