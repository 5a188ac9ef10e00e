using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>A deployment ready to serve: its snapshot plus the unsealed credential secret (memory only).</summary>
public sealed class RuntimeDeployment(DeploymentSnapshot snapshot, string? secret)
{
    public DeploymentSnapshot Snapshot { get; } = snapshot;

    /// <summary>The provider secret, unsealed; null when the deployment has no credential.</summary>
    public string? Secret { get; } = secret;

    public Guid Id => Snapshot.Id;

    public string ProviderKind => Snapshot.ProviderKind;

    public string UpstreamModel => Snapshot.UpstreamModel;

    /// <summary>Base URL without a trailing slash; empty for providers that need none.</summary>
    public string BaseUrl { get; } = snapshot.BaseUrl?.TrimEnd('/') ?? "";

    public string? Setting(string name) => Snapshot.Settings.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{ProviderKind}:{Id}";
}
