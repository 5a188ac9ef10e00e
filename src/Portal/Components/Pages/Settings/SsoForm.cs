using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Settings;

/// <summary>The single sign-on settings as the page edits them (lists as text, one entry per line or comma).</summary>
public sealed class SsoForm
{
    public string Issuer { get; set; } = string.Empty;
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Empty keeps the stored secret.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    public string AllowedDomains { get; set; } = string.Empty;
    public string Scopes { get; set; } = "openid profile email";
    public string GroupsClaim { get; set; } = "groups";
    public MemberRole DefaultRole { get; set; } = MemberRole.Developer;
    public bool SsoOnly { get; set; }
    public List<SsoMappingRow> Mappings { get; set; } = [];

    public static SsoForm From(SsoConfigDto dto) => new()
    {
        Issuer = dto.Issuer,
        ClientId = dto.ClientId,
        AllowedDomains = string.Join(", ", dto.AllowedDomains),
        Scopes = string.Join(' ', dto.Scopes),
        GroupsClaim = dto.GroupsClaim,
        DefaultRole = dto.DefaultRole,
        SsoOnly = dto.SsoOnly,
        Mappings = [.. dto.Mappings.Select(m => new SsoMappingRow { Value = m.Value, Role = m.Role, TeamId = m.TeamId, TeamRole = m.TeamRole ?? TeamRole.Member })],
    };

    public SsoConfigRequest ToRequest() => new(
        Issuer.Trim(),
        ClientId.Trim(),
        string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret,
        Split(AllowedDomains),
        Split(Scopes),
        string.IsNullOrWhiteSpace(GroupsClaim) ? null : GroupsClaim.Trim(),
        DefaultRole,
        [.. Mappings.Select(m => new SsoMappingDto(m.Value.Trim(), m.Role, m.TeamId, m.TeamId is null ? null : m.TeamRole))],
        SsoOnly);

    private static List<string> Split(string text) =>
        [.. text.Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>One group → role/team mapping row of <see cref="SsoForm"/>.</summary>
public sealed class SsoMappingRow
{
    public string Value { get; set; } = string.Empty;
    public MemberRole? Role { get; set; }
    public Guid? TeamId { get; set; }
    public TeamRole TeamRole { get; set; } = TeamRole.Member;
}
