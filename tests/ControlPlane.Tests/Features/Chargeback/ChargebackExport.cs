using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

/// <summary>
/// Reads the CSV and Excel exports back (CsvHelper, the OpenXml SDK): the header, and per row the kind, key, the numeric
/// columns and the cost per token kind (<see cref="Parts"/>, in the order of <see cref="PartColumns"/>, joined by spaces).
/// </summary>
internal static class ChargebackExport
{
    public static readonly string[] PartColumns =
        ["input_cost_micros", "cached_input_cost_micros", "cache_write_cost_micros", "output_cost_micros", "reasoning_cost_micros", "unattributed_cost_micros"];

    public sealed record Row(string Kind, string Key, string Label, long Requests, long InputTokens, long OutputTokens, long CostMicros, decimal CostUsd, string Parts);

    public static string Parts(params long[] parts) => string.Join(' ', parts);

    public static string[] CsvHeader(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, null);
        return [.. csv.Headers];
    }

    public static List<Row> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, null);
        var rows = new List<Row>();
        while (csv.Read())
        {
            rows.Add(new Row(csv.GetString("kind"), csv.GetString("key"), csv.GetString("label"), csv.Parse<long>("requests"), csv.Parse<long>("input_tokens"),
                csv.Parse<long>("output_tokens"), csv.Parse<long>("cost_micros"), decimal.Parse(csv.GetString("cost_usd"), CultureInfo.InvariantCulture),
                Parts(PartColumns.Select(c => csv.Parse<long>(c)).ToArray())));
        }

        return rows;
    }

    public static List<Row> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var table = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).ToArray()).ToList();
        var header = table[0].ToList();
        string At(string[] cells, string name) => cells[header.IndexOf(name)];
        return table.Skip(1).Select(c => new Row(At(c, "kind"), At(c, "key"), At(c, "label"), long.Parse(At(c, "requests"), CultureInfo.InvariantCulture),
            long.Parse(At(c, "input_tokens"), CultureInfo.InvariantCulture), long.Parse(At(c, "output_tokens"), CultureInfo.InvariantCulture),
            long.Parse(At(c, "cost_micros"), CultureInfo.InvariantCulture), decimal.Parse(At(c, "cost_usd"), NumberStyles.Float, CultureInfo.InvariantCulture),
            Parts(PartColumns.Select(p => long.Parse(At(c, p), CultureInfo.InvariantCulture)).ToArray()))).ToList();
    }
}
