using Switchyard.DataPlane.Chat;
using Switchyard.Governance.Policies;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>The errors the guard answers in the caller's dialect: they name the policy and rule, never the matched content.</summary>
public static class GuardrailErrors
{
    public const string BlockedCode = "guardrail_blocked";
    public const string UseCaseCode = "model_not_allowed_for_use_case";
    public const string UnavailableCode = "policy_unavailable";
    public const string RegionCode = "region_not_allowed";
    public const string ExternalUnavailableCode = "guardrail_unavailable";

    public static GatewayError Blocked(PolicyBlock block, bool output) =>
        new(GatewayErrorKind.InvalidRequest, StatusCodes.Status400BadRequest, block.Message(output)) { Code = BlockedCode };

    public static GatewayError UseCase(PolicyBlock block) =>
        new(GatewayErrorKind.Permission, StatusCodes.Status403Forbidden, $"Policy '{block.Policy}' does not allow this: {block.Detail}.") { Code = UseCaseCode, Param = "model" };

    public static GatewayError Region(string policy, IReadOnlySet<string> regions, string model) =>
        new(GatewayErrorKind.Permission, StatusCodes.Status403Forbidden,
            $"Policy '{policy}' requires the region(s) {string.Join(", ", regions.Order(StringComparer.Ordinal))}, and no deployment of model '{model}' is in them.")
        { Code = RegionCode, Param = "model" };

    public static GatewayError Unavailable() =>
        new(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
            "A policy this key is held to is not available on this node; the request was not sent. Contact your administrator.") { Code = UnavailableCode };

    /// <summary>
    /// A fail-closed external guardrail could not be asked (503, worth a retry): the request was not sent, or the answer
    /// was withheld (a streamed one ended with this error).
    /// </summary>
    public static GatewayError ExternalUnavailable(string policy, string rule, string reason, bool output) =>
        new(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable, output
            ? $"Policy '{policy}', rule '{rule}' could not check the response ({reason}); the response was withheld."
            : $"Policy '{policy}', rule '{rule}' could not check the request ({reason}); the request was not sent.") { Code = ExternalUnavailableCode };
}
