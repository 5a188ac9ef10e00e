namespace Switchyard.Shared.Configuration;

public sealed record TenantSnapshot(Guid Id, string Name, bool Active);
