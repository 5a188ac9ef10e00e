using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// A real, independent OpenID Connect provider: the npm package oidc-provider (tests/EndToEndTests/Oidc, installed by
/// ./test.sh with <c>npm ci</c>) run by Node on 127.0.0.1, with one confidential client and the given users. Its sign-in
/// is oidc-provider's development interaction: a login form (any password) and a consent form.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "switchyard-test";

    /// <summary>A port range of its own, so providers of parallel test runs on this machine do not meet.</summary>
    private const int FirstPort = 57100;
    private const int LastPort = 57199;

    private readonly PlatformProcess _process;

    private OidcProvider(PlatformProcess process, string issuer, string clientSecret)
    {
        _process = process;
        Issuer = issuer;
        ClientSecret = clientSecret;
    }

    public string Issuer { get; }
    public string ClientSecret { get; }
    public string Output => _process.Output;

    /// <param name="users">login → claims (email, email_verified, groups, …).</param>
    public static async Task<OidcProvider> StartAsync(IReadOnlyList<string> redirectUris, IReadOnlyDictionary<string, Dictionary<string, object>> users)
    {
        var directory = Path.Combine(RepoPaths.Root, "tests", "EndToEndTests", "Oidc");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed in {directory}: run ./test.sh (it runs `npm ci` there) or `npm ci --prefix {directory}`.");
        }

        var port = FreePortInRange();
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var process = PlatformProcess.StartExecutable("node", [Path.Combine(directory, "provider.mjs")], "oidc-provider", new Dictionary<string, string>
        {
            ["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OIDC_CLIENT_ID"] = ClientId,
            ["OIDC_CLIENT_SECRET"] = secret,
            ["OIDC_REDIRECT_URIS"] = string.Join(' ', redirectUris),
            ["OIDC_USERS"] = JsonSerializer.Serialize(users),
        }, directory);
        var issuer = $"http://127.0.0.1:{port}";
        try
        {
            await process.WaitUntilReadyAsync(issuer + "/.well-known/openid-configuration", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new OidcProvider(process, issuer, secret);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static int FreePortInRange()
    {
        var start = Random.Shared.Next(FirstPort, LastPort + 1);
        for (var i = 0; i <= LastPort - FirstPort; i++)
        {
            var port = FirstPort + ((start - FirstPort + i) % (LastPort - FirstPort + 1));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"No free port in {FirstPort}-{LastPort} for the OpenID Connect provider.");
    }
}
