using System.Net;
using System.Net.Sockets;

namespace Switchyard.Shared.Egress;

/// <summary>
/// Destinations the platform allows although <see cref="EgressAddressRules"/> says they are not public: host names
/// (exact, or <c>*.example.internal</c> for every name under a domain) and networks in CIDR form (<c>10.0.0.0/8</c>,
/// <c>fd00::/8</c>, or one address). Built once from text (admin API, configuration, snapshot); immutable. Entries are
/// kept in a normal form: host names lowercase without a trailing dot, networks as <c>address/prefix</c>.
/// </summary>
public sealed class EgressAllowList : IEquatable<EgressAllowList>
{
    /// <summary>Most entries in each list.</summary>
    public const int MaxEntries = 256;

    private const int MaxHostLength = 253;

    private readonly HashSet<string> _exactHosts;
    private readonly string[] _domainSuffixes;
    private readonly IPNetwork[] _networks;

    private EgressAllowList(IReadOnlyList<string> hosts, IReadOnlyList<IPNetwork> networks)
    {
        Hosts = hosts;
        Networks = networks.Select(n => n.ToString()).ToArray();
        _exactHosts = hosts.Where(h => !h.StartsWith("*.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        _domainSuffixes = hosts.Where(h => h.StartsWith("*.", StringComparison.Ordinal)).Select(h => h[1..]).ToArray();
        _networks = [.. networks];
    }

    /// <summary>Allows nothing beyond the public internet.</summary>
    public static EgressAllowList Empty { get; } = new([], []);

    /// <summary>Host name entries in normal form, sorted.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Network entries in normal form (<c>10.0.0.0/8</c>), sorted.</summary>
    public IReadOnlyList<string> Networks { get; }

    public bool IsEmpty => Hosts.Count == 0 && Networks.Count == 0;

    /// <summary>
    /// Parses both lists. Every entry that is not valid is reported (list name "hosts" or "networks", its index, why) and
    /// the result is null; valid input gives a list with duplicates removed.
    /// </summary>
    public static EgressAllowList? TryCreate(IEnumerable<string?>? hosts, IEnumerable<string?>? networks, out IReadOnlyList<EgressAllowListError> errors)
    {
        var found = new List<EgressAllowListError>();
        var parsedHosts = Parse<string>(hosts, EgressAllowListError.HostsList, TryNormalizeHost, found);
        var parsedNetworks = Parse<IPNetwork>(networks, EgressAllowListError.NetworksList, TryParseNetwork, found);
        errors = found;
        return found.Count > 0 ? null : Build(parsedHosts, parsedNetworks);
    }

    /// <summary>Parses both lists, skipping invalid entries (they allow nothing). For input validated elsewhere, e.g. a snapshot.</summary>
    public static EgressAllowList CreateLenient(IEnumerable<string?>? hosts, IEnumerable<string?>? networks) =>
        Build(Parse<string>(hosts, EgressAllowListError.HostsList, TryNormalizeHost, null), Parse<IPNetwork>(networks, EgressAllowListError.NetworksList, TryParseNetwork, null));

    /// <summary>Everything either list allows.</summary>
    public static EgressAllowList Union(EgressAllowList first, EgressAllowList second) =>
        first.IsEmpty ? second
        : second.IsEmpty ? first
        : Build([.. first.Hosts, .. second.Hosts], [.. first._networks, .. second._networks]);

    /// <summary>True when <paramref name="host"/> (a DNS name as in a URL; case and a trailing dot do not matter) is allowed.</summary>
    public bool AllowsHost(string host)
    {
        if (Hosts.Count == 0)
        {
            return false;
        }

        var name = NormalizeName(host);
        if (_exactHosts.Contains(name))
        {
            return true;
        }

        foreach (var suffix in _domainSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="address"/> (IPv4-mapped forms count as IPv4) is inside an allowed network.</summary>
    public bool AllowsAddress(IPAddress address)
    {
        if (_networks.Length == 0)
        {
            return false;
        }

        address = EgressAddressRules.Canonical(address);
        foreach (var network in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(EgressAllowList? other) =>
        other is not null && Hosts.SequenceEqual(other.Hosts, StringComparer.Ordinal) && Networks.SequenceEqual(other.Networks, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as EgressAllowList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Hosts.Concat(Networks))
        {
            hash.Add(entry, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Lowercase, without the trailing dot of a fully qualified name.</summary>
    internal static string NormalizeName(string host) => host.TrimEnd('.').ToLowerInvariant();

    private static EgressAllowList Build(IEnumerable<string> hosts, IEnumerable<IPNetwork> networks)
    {
        var h = hosts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var n = networks.DistinctBy(x => x.ToString()).OrderBy(x => x.ToString(), StringComparer.Ordinal).ToArray();
        return h.Length == 0 && n.Length == 0 ? Empty : new EgressAllowList(h, n);
    }

    private delegate string? TryParseEntry<T>(string entry, out T value);

    private static List<T> Parse<T>(IEnumerable<string?>? entries, string list, TryParseEntry<T> parse, List<EgressAllowListError>? errors)
    {
        var result = new List<T>();
        var index = 0;
        foreach (var entry in entries ?? [])
        {
            if (index == MaxEntries)
            {
                errors?.Add(new EgressAllowListError(list, null, $"At most {MaxEntries} entries are allowed."));
                break;
            }

            T value = default!;
            var error = entry is null ? "An entry must not be null." : parse(entry.Trim(), out value);
            if (error is null)
            {
                result.Add(value);
            }
            else
            {
                errors?.Add(new EgressAllowListError(list, index, error));
            }

            index++;
        }

        return result;
    }

    private static string? TryNormalizeHost(string entry, out string host)
    {
        host = NormalizeName(entry);
        if (host.Length == 0 || host == "*")
        {
            return "A host entry must be a DNS name such as vllm.internal or *.models.internal.";
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return $"'{entry}' is an address; list addresses under the networks (e.g. {host.Trim('[', ']')}/32 or /128).";
        }

        if (host.Length > MaxHostLength)
        {
            return $"A host entry must be at most {MaxHostLength} characters.";
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"'{entry}' is not a DNS name (ASCII letters, digits, '-' and '_' in dot-separated labels; write international names in their xn-- form; '*.' only as a prefix).";
            }
        }

        return null;
    }

    private static string? TryParseNetwork(string entry, out IPNetwork network)
    {
        network = default;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        if (!IsPlainAddress(addressText, out var address))
        {
            return $"'{entry}' is not a network in CIDR form such as 10.0.0.0/8, 192.168.1.20/32 or fd00::/8.";
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
                           || prefix > maxPrefix))
        {
            return $"'{entry}' has an invalid prefix length (0 to {maxPrefix}).";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return $"'{entry}' is an IPv4-mapped IPv6 network; write it in IPv4 form.";
        }

        var candidate = IPNetwork.Parse($"{address}/{prefix}");
        if (!candidate.BaseAddress.Equals(address))
        {
            return $"'{entry}' has bits set after the prefix; did you mean {candidate}?";
        }

        network = candidate;
        return null;
    }

    /// <summary>An IPv4 address in dotted-decimal form or an IPv6 address without a zone; not 2130706433 or 0x7f.1.</summary>
    private static bool IsPlainAddress(string text, out IPAddress address)
    {
        if (!IPAddress.TryParse(text, out address!) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            || string.Equals(address.ToString(), text, StringComparison.Ordinal);
    }
}
