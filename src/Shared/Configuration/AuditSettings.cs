namespace Switchyard.Shared.Configuration;

/// <summary>A tenant's audit log settings.</summary>
/// <param name="Mode"><c>full</c>, <c>metadata</c> (the default) or <c>off</c> (see <see cref="AuditModes"/>).</param>
/// <param name="RetentionDays">Audit entries older than this are purged; null: the platform's <c>Audit:RetentionDays</c>.</param>
/// <param name="UseCaseModes">
/// Per key class, i.e. the keys' <c>useCase</c>: <c>metadata</c> or <c>off</c> for keys of that use case (lowers the
/// tenant's mode, never raises it); null: none.
/// </param>
public sealed record AuditSettings(
    string Mode = AuditModes.Metadata,
    int? RetentionDays = null,
    IReadOnlyDictionary<string, string>? UseCaseModes = null);
