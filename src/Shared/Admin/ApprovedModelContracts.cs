namespace Switchyard.Shared.Admin;

/// <summary>An upstream model the platform approves (GET/POST/DELETE /api/platform/approved-models).</summary>
/// <param name="Regions">The regions a deployment of the model may be in; empty: any region.</param>
public sealed record ApprovedModelDto(Guid Id, string ProviderKind, string UpstreamModel, IReadOnlyList<string> Regions, DateTimeOffset CreatedAt);

/// <summary>Approves <paramref name="UpstreamModel"/> of <paramref name="ProviderKind"/>, optionally only in <paramref name="Regions"/>.</summary>
public sealed record ApprovedModelRequest(string ProviderKind, string UpstreamModel, IReadOnlyList<string>? Regions = null);
