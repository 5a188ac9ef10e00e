using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>A deployment ready to serve: its snapshot plus the unsealed credential secret (memory only).</summary>
public sealed class RuntimeDeployment(DeploymentSnapshot snapshot, string? secret)
{
    private Uri? _chatCompletionsUri;
    private object? _providerState;

    public DeploymentSnapshot Snapshot { get; } = snapshot;

    /// <summary>The provider secret, unsealed; null when the deployment has no credential.</summary>
    public string? Secret { get; } = secret;

    public Guid Id => Snapshot.Id;

    /// <summary>The id as text, built once (the <c>x-switchyard-deployment</c> response header).</summary>
    public string IdText { get; } = snapshot.Id.ToString();

    public string ProviderKind => Snapshot.ProviderKind;

    public string UpstreamModel => Snapshot.UpstreamModel;

    /// <summary>Base URL without a trailing slash (the kind's default when the deployment gives none); empty for mock.</summary>
    public string BaseUrl { get; } = (snapshot.BaseUrl ?? ProviderKinds.DefaultBaseUrl(snapshot.ProviderKind, snapshot.Settings))?.TrimEnd('/') ?? "";

    /// <summary>The OpenAI-compatible chat completions URL, built once per snapshot; null for providers without a base URL.</summary>
    public Uri? ChatCompletionsUri => _chatCompletionsUri ??= BaseUrl.Length == 0 ? null : new Uri(BaseUrl + "/chat/completions", UriKind.Absolute);

    /// <summary>"Bearer {secret}", built once per snapshot; null when the deployment has no credential.</summary>
    public string? BearerAuthorization { get; } = secret is { Length: > 0 } ? "Bearer " + secret : null;

    public string? Setting(string name) => Snapshot.Settings.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// A provider's parsed view of this deployment (settings, credentials, URLs), built on first use and kept for the
    /// snapshot's lifetime, so requests do not re-parse settings. One provider kind per deployment, so one slot.
    /// </summary>
    public T ProviderState<T>(Func<RuntimeDeployment, T> create)
        where T : class
        => SnapshotSlot.GetOrCreate(ref _providerState, this, create);

    public override string ToString() => $"{ProviderKind}:{Id}";
}
