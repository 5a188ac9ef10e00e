namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>The answer's format: JSON, CSV (CsvHelper, streamed) or Excel (SpreadCheetah, streamed).</summary>
public enum ChargebackFormat
{
    Json,
    Csv,
    Xlsx,
}
