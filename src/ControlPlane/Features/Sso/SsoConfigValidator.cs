using System.Net;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// Checks a <see cref="SsoConfigRequest"/> field by field (ProblemDetails naming each field) and normalises it: the issuer
/// without a trailing slash, domains in lower case, default scopes and group claim. Teams named by mappings are checked
/// against the tenant by <see cref="PutSsoConfig"/>.
/// </summary>
public static class SsoConfigValidator
{
    public sealed record Normalized(string Issuer, string ClientId, List<string> Domains, List<string> Scopes, string GroupsClaim, List<SsoMappingDto> Mappings);

    public static Normalized Validate(SsoConfigRequest request, bool hasStoredSecret, ValidationErrors errors)
    {
        var issuer = ValidateIssuer(request.Issuer, errors);
        errors.Required("clientId", request.ClientId, 256);
        if (request.ClientSecret is null ? !hasStoredSecret : string.IsNullOrWhiteSpace(request.ClientSecret))
        {
            errors.Add("clientSecret", "The clientSecret field is required (the identity provider's secret for this client).");
        }
        else if (request.ClientSecret is { Length: > 4096 })
        {
            errors.Add("clientSecret", "The clientSecret field must be at most 4096 characters.");
        }

        var domains = ValidateDomains(request.AllowedDomains, errors);
        var scopes = ValidateScopes(request.Scopes, errors);
        var groupsClaim = string.IsNullOrWhiteSpace(request.GroupsClaim) ? SsoDefaults.GroupsClaim : request.GroupsClaim.Trim();
        if (groupsClaim.Length > 128 || !groupsClaim.All(c => c > ' ' && c < 127 && c != '"'))
        {
            errors.Add("groupsClaim", "The groupsClaim field must be a claim name of at most 128 visible ASCII characters, e.g. groups or roles.");
        }

        if (!Enum.IsDefined(request.DefaultRole) || request.DefaultRole == MemberRole.PlatformAdmin)
        {
            errors.Add("defaultRole", "The defaultRole field must be Developer, Finance, TenantAdmin or Auditor.");
        }

        var mappings = ValidateMappings(request.Mappings, errors);
        return new Normalized(issuer, request.ClientId?.Trim() ?? "", domains, scopes, groupsClaim, mappings);
    }

    /// <summary>https, or http only towards this machine (127.0.0.1, ::1, localhost) for local testing.</summary>
    internal static string ValidateIssuer(string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("issuer", "The issuer field is required (the identity provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0).");
            return "";
        }

        var trimmed = value.Trim();
        if (trimmed.Length > SsoDefaults.MaxUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("issuer", $"The issuer field must be an absolute URL of at most {SsoDefaults.MaxUrlLength} characters without query or fragment.");
            return "";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            errors.Add("issuer", "The issuer field must be an https URL (http is accepted only for 127.0.0.1 or localhost).");
            return "";
        }

        return trimmed.TrimEnd('/');
    }

    private static List<string> ValidateDomains(IReadOnlyList<string>? values, ValidationErrors errors)
    {
        var domains = new List<string>();
        if (values is null || values.Count == 0)
        {
            errors.Add("allowedDomains", "The allowedDomains field needs at least one email domain (e.g. example.com).");
            return domains;
        }

        if (values.Count > SsoDefaults.MaxDomains)
        {
            errors.Add("allowedDomains", $"The allowedDomains field may list at most {SsoDefaults.MaxDomains} domains.");
            return domains;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var domain = values[i]?.Trim().TrimStart('@').ToLowerInvariant() ?? "";
            if (!IsDomain(domain))
            {
                errors.Add($"allowedDomains[{i}]", "Each allowed domain must be a domain name such as example.com (letters, digits, hyphens, at least one dot).");
            }
            else if (domains.Contains(domain))
            {
                errors.Add($"allowedDomains[{i}]", $"The domain {domain} is listed twice.");
            }
            else
            {
                domains.Add(domain);
            }
        }

        return domains;
    }

    internal static bool IsDomain(string domain)
    {
        if (domain.Length is 0 or > SsoDefaults.MaxDomainLength || !domain.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        return domain.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'));
    }

    private static List<string> ValidateScopes(IReadOnlyList<string>? values, ValidationErrors errors)
    {
        if (values is null || values.Count == 0)
        {
            return [.. SsoDefaults.Scopes];
        }

        var scopes = new List<string>();
        foreach (var value in values)
        {
            var scope = value?.Trim() ?? "";
            if (scope.Length is 0 or > 128 || !scope.All(c => c > ' ' && c < 127 && c != '"' && c != '\\'))
            {
                errors.Add("scopes", "Each scope must be a token of visible ASCII characters (no spaces, quotes or backslashes), at most 128 long.");
                return scopes;
            }

            if (!scopes.Contains(scope, StringComparer.Ordinal))
            {
                scopes.Add(scope);
            }
        }

        if (scopes.Count > 20)
        {
            errors.Add("scopes", "The scopes field may list at most 20 scopes.");
        }

        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            errors.Add("scopes", "The scopes field must include openid.");
        }

        return scopes;
    }

    private static List<SsoMappingDto> ValidateMappings(IReadOnlyList<SsoMappingDto>? values, ValidationErrors errors)
    {
        var mappings = new List<SsoMappingDto>();
        if (values is null)
        {
            return mappings;
        }

        if (values.Count > SsoDefaults.MaxMappings)
        {
            errors.Add("mappings", $"The mappings field may list at most {SsoDefaults.MaxMappings} mappings.");
            return mappings;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var mapping = values[i];
            var field = $"mappings[{i}]";
            if (mapping is null)
            {
                errors.Add(field, "A mapping must be an object with a value and a role and/or a teamId.");
                continue;
            }

            var value = mapping.Value?.Trim() ?? "";
            if (value.Length is 0 or > 256)
            {
                errors.Add($"{field}.value", "The value field is required: the group (or claim value) to map, at most 256 characters.");
            }

            if (mapping.Role is { } role && (!Enum.IsDefined(role) || role == MemberRole.PlatformAdmin))
            {
                errors.Add($"{field}.role", "The role field must be Developer, Finance, TenantAdmin or Auditor (platform admins are never granted by SSO).");
            }

            if (mapping.Role is null && mapping.TeamId is null)
            {
                errors.Add(field, "A mapping needs a role, a teamId, or both.");
            }

            if (mapping.TeamRole is { } teamRole && (mapping.TeamId is null || !Enum.IsDefined(teamRole)))
            {
                errors.Add($"{field}.teamRole", "The teamRole field ('member' or 'team-admin') goes with a teamId.");
            }

            mappings.Add(mapping with { Value = value, TeamRole = mapping.TeamId is null ? null : mapping.TeamRole ?? TeamRole.Member });
        }

        return mappings;
    }
}
