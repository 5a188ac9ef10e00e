namespace Switchyard.Shared.Configuration;

/// <summary>How much of a tenant's requests the audit log keeps: everything, metadata only, or nothing.</summary>
public static class AuditModes
{
    /// <summary>Metadata and the request and response bodies (after DLP redaction), encrypted at rest.</summary>
    public const string Full = "full";

    /// <summary>Who, when, key, team, model, deployment, status, tokens, cost, findings and SHA-256 of the bodies.</summary>
    public const string Metadata = "metadata";

    /// <summary>No audit entry.</summary>
    public const string Off = "off";

    public static bool IsValid(string? mode) => mode is Full or Metadata or Off;

    /// <summary>
    /// The mode a request of a key with <paramref name="useCase"/> is audited in: the tenant's mode (metadata when the
    /// tenant sets none), lowered by the tenant's override for that use case when it has one (an override never raises it).
    /// </summary>
    public static string For(AuditSettings? settings, string? useCase)
    {
        var mode = settings?.Mode ?? Metadata;
        if (useCase is not null && settings?.UseCaseModes is { } overrides && overrides.TryGetValue(useCase, out var lower)
            && Rank(lower) < Rank(mode))
        {
            mode = lower;
        }

        return mode;
    }

    private static int Rank(string mode) => mode switch
    {
        Full => 2,
        Metadata => 1,
        _ => 0,
    };
}
