namespace Switchyard.Shared.Governance;

/// <summary>The names of the built-in data-loss-prevention detectors, as policies name them (<c>{"detector":"email"}</c>).</summary>
public static class DlpDetectors
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string PaymentCard = "payment_card";
    public const string Iban = "iban";
    public const string UsSsn = "us_ssn";
    public const string IpAddress = "ip_address";
    public const string Secret = "secret";

    /// <summary>Every built-in detector, in the order the scanner reports overlapping findings (the first wins).</summary>
    public static readonly IReadOnlyList<string> All = [Secret, Email, PaymentCard, Iban, UsSsn, IpAddress, Phone];
}
