using System.Globalization;

namespace Switchyard.Portal.Components.Shared;

/// <summary>Micro-dollar amounts as people read them: "$12.3456", or six decimals below a cent ("$0.000125").</summary>
public static class CostText
{
    public static string Format(long micros)
    {
        var usd = micros / 1_000_000m;
        return "$" + usd.ToString(micros is > -10_000 and < 10_000 ? "0.000000" : "N4", CultureInfo.InvariantCulture);
    }
}
