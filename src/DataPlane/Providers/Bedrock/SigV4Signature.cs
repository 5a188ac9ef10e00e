namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>The intermediate and final values of one SigV4 signing (exposed for tests and diagnostics).</summary>
/// <param name="CanonicalRequest">Method, canonical URI, canonical query, canonical headers, signed headers, payload hash.</param>
/// <param name="StringToSign">AWS4-HMAC-SHA256, the amz date, the credential scope and the canonical request's hash.</param>
/// <param name="SignedHeaders">Lower-case header names joined by ';'.</param>
/// <param name="Signature">Hex HMAC-SHA256 of the string to sign with the derived signing key.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
public sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);
