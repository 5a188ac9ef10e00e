namespace Switchyard.Shared.Configuration;

/// <summary>Paths of the control plane's node-facing endpoints (authenticated with the node secret as a bearer token).</summary>
public static class InternalRoutes
{
    public const string Snapshot = "/internal/config/snapshot";
    public const string Revision = "/internal/config/revision";

    /// <summary>The ledger's spend of every budget level in its current period (<see cref="BudgetSpendEntry"/>s).</summary>
    public const string BudgetSpend = "/internal/budgets/spend";
}
