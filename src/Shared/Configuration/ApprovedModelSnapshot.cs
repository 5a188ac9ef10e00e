namespace Switchyard.Shared.Configuration;

/// <summary>
/// An upstream model the platform approves (<see cref="ConfigSnapshot.ApprovedModels"/>): a deployment may serve requests
/// only when its provider kind (case-insensitive) and upstream model match an entry, in one of its regions when it lists any.
/// </summary>
public sealed record ApprovedModelSnapshot(string ProviderKind, string UpstreamModel, IReadOnlyList<string> Regions)
{
    /// <summary>Why <paramref name="deployment"/> may not serve requests under <paramref name="approved"/>; null when it may (or the list is empty).</summary>
    public static string? Refusal(IReadOnlyList<ApprovedModelSnapshot>? approved, DeploymentSnapshot deployment)
    {
        if (approved is not { Count: > 0 })
        {
            return null;
        }

        var model = deployment.UpstreamModel.Trim();
        ApprovedModelSnapshot? entry = null;
        foreach (var candidate in approved)
        {
            if (string.Equals(candidate.ProviderKind, deployment.ProviderKind, StringComparison.OrdinalIgnoreCase) && candidate.UpstreamModel == model)
            {
                entry = candidate;
                break;
            }
        }

        if (entry is null)
        {
            return $"the upstream model '{model}' of provider kind '{deployment.ProviderKind}' is not approved by the platform";
        }

        var region = deployment.Region?.Trim() ?? "";
        return entry.Regions.Count > 0 && !entry.Regions.Contains(region, StringComparer.Ordinal)
            ? $"the upstream model '{model}' is approved only in the region(s) {string.Join(", ", entry.Regions)}, not in {(region.Length == 0 ? "an unnamed region" : $"'{region}'")}"
            : null;
    }
}
