using Microsoft.Net.Http.Headers;
using SpreadCheetah;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The chargeback as an Excel workbook (SpreadCheetah): one sheet with the columns of <see cref="ChargebackColumns"/>,
/// counts and costs as numbers. Built in memory (one row per group, not per record) and then sent.
/// </summary>
public sealed class ChargebackXlsxResult(ChargebackDto chargeback) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        using var buffer = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(buffer, cancellationToken: cancellationToken))
        {
            await spreadsheet.StartWorksheetAsync("Chargeback", token: cancellationToken);
            await spreadsheet.AddRowAsync(ChargebackColumns.Names.Select(n => new DataCell(n)).ToArray(), cancellationToken);
            foreach (var (kind, line) in ChargebackColumns.Rows(chargeback))
            {
                var cells = new List<DataCell> { new(kind), new(line.Key), new(line.Label ?? "") };
                cells.AddRange(ChargebackColumns.Counts(line).Select(c => new DataCell(c)));
                cells.Add(new DataCell(line.CostUsd));
                cells.AddRange(ChargebackColumns.CostParts(line).Select(c => new DataCell(c)));
                await spreadsheet.AddRowAsync(cells.ToArray(), cancellationToken);
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        var response = httpContext.Response;
        response.ContentType = ChargebackRequest.XlsxContentType;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = ChargebackColumns.FileName(chargeback, "xlsx") }.ToString();
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, cancellationToken);
    }
}
