using System.Security.Cryptography;
using Switchyard.DataPlane.Audit;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Audit;

/// <summary>
/// The hashes and sizes an audit entry carries, whatever the answer's size and however it was written: answers that fit
/// the one-shot hash, answers that outgrow it part-way (the held bytes then feed the incremental hash), and no answer.
/// </summary>
public sealed class AuditCaptureTests
{
    private static readonly byte[] Request = "{\"model\":\"m\",\"messages\":[]}"u8.ToArray();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(751, 751)]
    [InlineData(6678, 262)]
    [InlineData(AuditCapture.OneShotHashBytes, 1000)]
    [InlineData(AuditCapture.OneShotHashBytes + 1, 1000)]
    [InlineData(AuditCapture.OneShotHashBytes + 1, AuditCapture.OneShotHashBytes + 1)]
    [InlineData(40_000, 7)]
    [InlineData(40_000, 16_000)]
    public void Finish_AnswerWrittenInChunks_HashesWholeAnswer(int size, int chunk)
    {
        var answer = Answer(size);
        using var capture = new AuditCapture(AuditModes.Metadata, 16 * 1024);

        for (var offset = 0; offset < size; offset += chunk)
        {
            capture.Append(answer.AsSpan(offset, Math.Min(chunk, size - offset)));
        }

        var audit = capture.Finish(Request);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(answer)), audit.ResponseSha256);
        Assert.Equal(size, audit.ResponseBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Request)), audit.RequestSha256);
        Assert.Equal(Request.Length, audit.RequestBytes);
        Assert.Null(audit.ResponseBody);
    }

    [Theory]
    [InlineData(751, 100)]
    [InlineData(AuditCapture.OneShotHashBytes + 5_000, 3_000)]
    public void Finish_FullMode_KeepsAnswerUpToCapAndHashesAll(int size, int cap)
    {
        var answer = Answer(size);
        using var capture = new AuditCapture(AuditModes.Full, cap);

        for (var offset = 0; offset < size; offset += 500)
        {
            capture.Append(answer.AsSpan(offset, Math.Min(500, size - offset)));
        }

        var audit = capture.Finish(Request);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(answer)), audit.ResponseSha256);
        Assert.Equal(answer[..Math.Min(size, cap)], audit.ResponseBody);
        Assert.Equal(Request[..Math.Min(Request.Length, cap)], audit.RequestBody);
    }

    private static byte[] Answer(int size)
    {
        var answer = new byte[size];
        new Random(size).NextBytes(answer);
        return answer;
    }
}
