using System.Globalization;
using CsvHelper;
using Microsoft.Net.Http.Headers;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The chargeback as CSV (RFC 4180, UTF-8, CsvHelper), written to the response as it goes and flushed every
/// <see cref="RowsPerFlush"/> rows, so a long export starts arriving at once. Text fields that a spreadsheet would run as a
/// formula (=, +, -, @ …) are escaped.
/// </summary>
public sealed class ChargebackCsvResult(ChargebackDto chargeback) : IResult
{
    private const int RowsPerFlush = 500;
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = ChargebackRequest.CsvContentType + "; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = ChargebackColumns.FileName(chargeback, "csv") }.ToString();
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        csv.WriteHeader(ChargebackColumns.Names);
        var rows = 0;
        foreach (var (kind, line) in ChargebackColumns.Rows(chargeback))
        {
            csv.WriteField(kind);
            csv.WriteField(line.Key);
            csv.WriteField(line.Label ?? "");
            foreach (var count in ChargebackColumns.Counts(line))
            {
                csv.WriteField(count, default);
            }

            csv.WriteField(line.CostUsd.ToString("0.000000", CultureInfo.InvariantCulture));
            foreach (var part in ChargebackColumns.CostParts(line))
            {
                csv.WriteField(part, default);
            }

            await csv.EndRecordAsync(cancellationToken);
            if (++rows % RowsPerFlush == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }
}
