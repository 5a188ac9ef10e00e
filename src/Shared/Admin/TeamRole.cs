using System.Text.Json.Serialization;

namespace Switchyard.Shared.Admin;

/// <summary>A member's role in one team (on the wire <c>member</c> or <c>team-admin</c>).</summary>
public enum TeamRole
{
    /// <summary>Creates, lists and revokes the team's keys (as far as the tenant role allows).</summary>
    [JsonStringEnumMemberName("member")]
    Member = 0,

    /// <summary>Also manages the team's members, its limits (within the tenant's) and every key of the team.</summary>
    [JsonStringEnumMemberName("team-admin")]
    TeamAdmin = 1,
}
