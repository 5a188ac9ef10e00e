namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>The budget levels as stored and named in the admin API (and in the nodes' Redis counter names).</summary>
public static class BudgetScopes
{
    public const string Key = "key";
    public const string Team = "team";
    public const string Tenant = "tenant";
}
