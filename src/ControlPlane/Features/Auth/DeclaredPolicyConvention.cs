using Microsoft.AspNetCore.Authorization;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Default deny for the admin API: an endpoint that declares none of <see cref="AdminPolicies.Declarable"/> is refused.</summary>
public static class DeclaredPolicyConvention
{
    /// <summary>
    /// Gives every endpoint of <paramref name="group"/> (and of its nested groups) that neither declares one of the
    /// admin policies nor allows anonymous access the <see cref="AdminPolicies.Undeclared"/> policy, which refuses every
    /// caller. Runs after the endpoints' own conventions, so it sees what they declared.
    /// </summary>
    public static RouteGroupBuilder DenyUndeclared(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var declared = endpoint.Metadata.OfType<IAuthorizeData>().Any(a => a.Policy is { } policy && AdminPolicies.Declarable.Contains(policy));
            if (!declared && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(AdminPolicies.Undeclared));
            }
        });
        return group;
    }
}
