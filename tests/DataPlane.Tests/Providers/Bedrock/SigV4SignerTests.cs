using Switchyard.DataPlane.Providers.Bedrock;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

/// <summary>
/// SigV4 against AWS's published test-suite vectors. Expected values are copied from:
/// [JS] aws/aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts @ 0574f9a1 (the aws-sig-v4-test-suite
///      Authorization headers: AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service");
/// [CRT] awslabs/aws-c-auth tests/aws-signing-test-suite/v4/&lt;case&gt;/{header-signed-request,query-canonical-request,
///      query-string-to-sign}.txt (same credentials, date, region, service; "normalize": true);
/// [BOTO] boto/botocore tests/unit/auth/aws4_testsuite/get-{utf8,space}.{creq,sts,authz} — the 2011 suite (service
///      "host", host.foo.com, a Date header) as botocore re-recorded it for non-S3 double URI encoding.
/// </summary>
public class SigV4SignerTests
{
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Credential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly AwsCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Theory]
    // [JS] get-vanilla, post-vanilla, get-vanilla-query-order-key-case, get-unreserved, get-utf8, get-vanilla-utf8-query
    [InlineData("get-vanilla", "GET", "/", "", "host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("post-vanilla", "POST", "/", "", "host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", "host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", "host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")]
    [InlineData("get-utf8", "GET", "/ሴ", "", "host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    [InlineData("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar", "host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")]
    // [JS] post-vanilla-query-nonunreserved: {"@#$%^": "", "+": "/,?><`\";:\\|][{}"}, escaped once on the wire
    [InlineData("post-vanilla-query-nonunreserved", "POST", "/", "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D", "host;x-amz-date, Signature=66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e")]
    // [CRT] get-space-normalized, get-slashes-normalized, get-relative-relative-normalized (header-signed-request.txt @ 4ec99f28)
    [InlineData("get-space-normalized", "GET", "/example space/", "", "host;x-amz-date, Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")]
    [InlineData("get-slashes-normalized", "GET", "//example//", "", "host;x-amz-date, Signature=9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84")]
    [InlineData("get-relative-relative-normalized", "GET", "/example1/example2/../..", "", "host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    public void Compute_SuiteVanillaCases_MatchPublishedAuthorization(string name, string method, string path, string query, string expected)
    {
        var signature = SigV4Signer.Compute(method, path, query, SuiteHeaders(), EmptyHash, SuiteTime, Suite, "us-east-1", "service");

        Assert.True(Credential + "SignedHeaders=" + expected == signature.Authorization, $"{name}: {signature.Authorization}");
    }

    [Fact]
    public void Compute_GetVanilla_ProducesSuiteCanonicalRequestAndStringToSign()
    {
        var signature = SigV4Signer.Compute("GET", "/", null, SuiteHeaders(), EmptyHash, SuiteTime, Suite, "us-east-1", "service");

        Assert.Equal($"GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{EmptyHash}", signature.CanonicalRequest);
        Assert.StartsWith("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n", signature.StringToSign);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature.Signature);
    }

    [Fact]
    public void Compute_PostFormUrlEncoded_SignsContentTypeAndBodyHash()
    {
        // [JS] post-x-www-form-urlencoded: body "Param1=value1".
        var headers = SuiteHeaders(("content-type", "application/x-www-form-urlencoded"));
        var bodyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Param1=value1"u8));

        var signature = SigV4Signer.Compute("POST", "/", null, headers, bodyHash, SuiteTime, Suite, "us-east-1", "service");

        Assert.Equal(Credential + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signature.Authorization);
    }

    [Theory]
    // [JS] post-header-key-sort and get-header-value-trim: extra headers sorted, values trimmed and spaces collapsed.
    [InlineData("POST", "My-Header1", "value1", null, null, "host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c")]
    [InlineData("GET", "My-Header1", "value1", "My-Header2", "\"a   b   c\"", "host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")]
    public void Compute_ExtraHeaders_MatchPublishedAuthorization(string method, string name1, string value1, string? name2, string? value2, string expected)
    {
        var headers = name2 is null ? SuiteHeaders((name1, value1)) : SuiteHeaders((name1, value1), (name2, value2!));

        var signature = SigV4Signer.Compute(method, "/", null, headers, EmptyHash, SuiteTime, Suite, "us-east-1", "service");

        Assert.Equal(Credential + "SignedHeaders=" + expected, signature.Authorization);
    }

    [Fact]
    public void Compute_SessionToken_SignsSecurityTokenHeader()
    {
        // [CRT] get-vanilla-with-session-token: context.json @ a81f52bb, header-signed-request.txt @ 4ec99f28.
        const string token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);

        var signature = SigV4Signer.Compute("GET", "/", null, SuiteHeaders(("x-amz-security-token", token)), EmptyHash, SuiteTime, credentials, "us-east-1", "service");

        Assert.Equal(Credential + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8", signature.Authorization);
    }

    [Theory]
    // [CRT] get-vanilla-query-order-key-case and get-utf8 query-canonical-request.txt / query-string-to-sign.txt @ e70d49e6:
    // presigned requests, so the X-Amz-* parameters are in the query and only host is signed.
    [InlineData("/", "Param2=value2&Param1=value1&", "/", "Param1=value1&Param2=value2&", "eb1512f5ed1470925b7b1072c2108953680032d6bc3ccbef8eb7c6fdf1639827")]
    [InlineData("/ሴ", "", "/%E1%88%B4", "", "4148d48eedde44fc6b52c92dcab505640ab9350b6ac42891703d9e3575b770ab")]
    public void Compute_QuerySignedCases_ProduceSuiteCanonicalRequest(string path, string query, string canonicalPath, string canonicalQuery, string hash)
    {
        const string presign = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host";
        var headers = new[] { KeyValuePair.Create("Host", "example.amazonaws.com") };

        var signature = SigV4Signer.Compute("GET", path, "?" + query + presign, headers, EmptyHash, SuiteTime, Suite, "us-east-1", "service");

        Assert.Equal($"GET\n{canonicalPath}\n{canonicalQuery}{presign}\nhost:example.amazonaws.com\n\nhost\n{EmptyHash}", signature.CanonicalRequest);
        Assert.Equal($"AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n{hash}", signature.StringToSign);
    }

    [Theory]
    // [BOTO] get-utf8 and get-space: the wire path is encoded once more in the canonical request (non-S3 double encoding).
    [InlineData("/%E1%88%B4", "/%25E1%2588%25B4", "47f4456c465167f4db3490a68903fe057412e6e030de38f71d9006467eb4922a", "57b1eb3df3b16a8479c0097b66c0b261cfd65b829419a3f2c3d05319722490b8")]
    [InlineData("/%20/foo", "/%2520/foo", "35975885599128f8963ce9be7219598b2b5a344321bae304529556c891e9e6ba", "2be9e587d1ee1f0fd02128724b86b4358ba3630d39f493b6e06610a19a50779e")]
    public void Compute_BotocoreDoubleEncodingCases_MatchRecordedSignature(string wirePath, string canonicalPath, string hash, string expected)
    {
        var headers = new[] { KeyValuePair.Create("Date", "Mon, 09 Sep 2011 23:36:00 GMT"), KeyValuePair.Create("Host", "host.foo.com") };
        var time = new DateTimeOffset(2011, 9, 9, 23, 36, 0, TimeSpan.Zero);

        var signature = SigV4Signer.Compute("GET", wirePath, null, headers, EmptyHash, time, Suite, "us-east-1", "host");

        Assert.Equal($"GET\n{canonicalPath}\n\ndate:Mon, 09 Sep 2011 23:36:00 GMT\nhost:host.foo.com\n\ndate;host\n{EmptyHash}", signature.CanonicalRequest);
        Assert.Equal($"AWS4-HMAC-SHA256\n20110909T233600Z\n20110909/us-east-1/host/aws4_request\n{hash}", signature.StringToSign);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature={expected}", signature.Authorization);
    }

    [Theory]
    [InlineData("/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse", "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%253A0/converse")]
    [InlineData("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream",
        "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-3-5-haiku-20241022-v1%253A0/converse-stream")]
    public void Compute_BedrockModelIdPath_SignsTheWirePathEncodedTwice(string wirePath, string canonicalPath)
    {
        var headers = new[] { KeyValuePair.Create("host", "bedrock-runtime.us-east-1.amazonaws.com"), KeyValuePair.Create("x-amz-date", "20150830T123600Z") };

        var signature = SigV4Signer.Compute("POST", wirePath, null, headers, EmptyHash, SuiteTime, Suite, "us-east-1", "bedrock");

        Assert.StartsWith($"POST\n{canonicalPath}\n\n", signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/bedrock/aws4_request", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKeyFor_DocumentedExample_MatchesAwsValue()
    {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4" (secret, 20150830, us-east-1, iam).
        var key = Suite.SigningKeyFor("20150830", "us-east-1", "iam");

        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexStringLower(key));
    }

    private static List<KeyValuePair<string, string>> SuiteHeaders(params (string Name, string Value)[] extra)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z") };
        headers.AddRange(extra.Select(h => KeyValuePair.Create(h.Name, h.Value)));
        return headers;
    }
}
