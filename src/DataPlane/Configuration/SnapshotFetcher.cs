using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Typed client for the control plane's node-facing config endpoints (bearer: the node secret).</summary>
public sealed class SnapshotFetcher
{
    private readonly HttpClient _http;

    public SnapshotFetcher(HttpClient http, IOptions<SnapshotSyncOptions> options)
    {
        _http = http;
        var o = options.Value;
        _http.BaseAddress ??= new Uri(o.ControlPlaneUrl.TrimEnd('/') + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.NodeSecret);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task<RevisionInfo> GetRevisionAsync(CancellationToken cancellationToken)
    {
        var info = await _http.GetFromJsonAsync<RevisionInfo>(InternalRoutes.Revision.TrimStart('/'), SwitchyardJson.Options, cancellationToken);
        return info ?? throw new InvalidOperationException("The control plane returned an empty revision.");
    }

    /// <summary>The ledger's spend of every budget level in its current period.</summary>
    public async Task<IReadOnlyList<BudgetSpendEntry>> GetBudgetSpendAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<BudgetSpendEntry>>(InternalRoutes.BudgetSpend.TrimStart('/'), SwitchyardJson.Options, cancellationToken) ?? [];

    /// <summary>Fetches the snapshot; returns it with the raw bytes as sent (stored as last-known-good).</summary>
    public async Task<(ConfigSnapshot Snapshot, byte[] Json)> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(InternalRoutes.Snapshot.TrimStart('/'), cancellationToken);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<ConfigSnapshot>(bytes, SwitchyardJson.Options)
            ?? throw new InvalidOperationException("The control plane returned an empty snapshot.");
        return (snapshot, bytes);
    }
}
