namespace Switchyard.Shared.Configuration;

/// <summary>
/// One field of a route, deployment or credential that breaks the rules nodes apply. <paramref name="Field"/> is the JSON
/// field relative to the item (<c>strategy</c>, <c>settings.region</c>); the admin API prefixes it with the item's place in
/// the request (<c>deployments[1].settings.region</c>), a node names the item in the reason it reports.
/// </summary>
public readonly record struct ConfigFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
