namespace Switchyard.Shared.Configuration;

public sealed record TeamSnapshot(Guid Id, Guid TenantId, string Name);
