using Microsoft.AspNetCore.Authorization;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>The requirement of <see cref="AdminPolicies.Undeclared"/>: no handler ever meets it, so the endpoint is refused.</summary>
public sealed class UndeclaredRequirement : IAuthorizationRequirement
{
    public static readonly UndeclaredRequirement Instance = new();

    private UndeclaredRequirement()
    {
    }
}
