namespace Switchyard.Shared.Messages;

/// <summary>
/// One item of a snapshot a node could not accept and left out (or, for a route, kept as unavailable), reported with
/// <see cref="ConfigApplied"/>. The rest of the snapshot was applied.
/// </summary>
/// <param name="Kind"><see cref="Route"/>, <see cref="Deployment"/>, <see cref="Credential"/>, <see cref="Key"/> or <see cref="Policy"/>.</param>
/// <param name="TenantId">The tenant the item belongs to (for a deployment, its route's tenant).</param>
/// <param name="Reason">What is wrong, naming the field (never a secret).</param>
public sealed record RejectedConfigItem(string Kind, Guid Id, Guid TenantId, string Reason)
{
    public const string Route = "route";
    public const string Deployment = "deployment";
    public const string Credential = "credential";
    public const string Key = "key";
    public const string Policy = "policy";
}
