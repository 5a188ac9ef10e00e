using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails.Dlp;

/// <summary>
/// The detectors' test corpus: values each detector must find (true positives, in a sentence) and look-alikes it must
/// not (true negatives). The README's precision figures come from this list; add the cases users report.
/// </summary>
public static class DlpCorpus
{
    public static TheoryData<string, string> Positives => new()
    {
        { DlpDetectors.Email, "Write to jane.doe@example.com today." },
        { DlpDetectors.Email, "cc: J.Smith+billing@mail.corp-example.co.uk, thanks" },
        { DlpDetectors.Email, "<admin@intranet.example.org>" },
        { DlpDetectors.Phone, "Call +1 (555) 123-4567 now" },
        { DlpDetectors.Phone, "Tel: +44 20 7946 0958" },
        { DlpDetectors.Phone, "mobile 0151 2345 6789." },
        { DlpDetectors.Phone, "ring 555.123.4567 tomorrow" },
        { DlpDetectors.Phone, "(030) 901820-55 is the office" },
        { DlpDetectors.PaymentCard, "Card 4111 1111 1111 1111 exp 12/29" },
        { DlpDetectors.PaymentCard, "pay with 5500-0000-0000-0004" },
        { DlpDetectors.PaymentCard, "amex 378282246310005." },
        { DlpDetectors.PaymentCard, "discover 6011111111111117" },
        { DlpDetectors.PaymentCard, "visa4242424242424242 is not separated but is a card" },
        { DlpDetectors.Iban, "IBAN DE89 3704 0044 0532 0130 00 please" },
        { DlpDetectors.Iban, "to GB82WEST12345698765432." },
        { DlpDetectors.Iban, "FR1420041010050500013M02606" },
        { DlpDetectors.UsSsn, "SSN 123-45-6789 on file" },
        { DlpDetectors.UsSsn, "ssn: 078 05 1120" },
        { DlpDetectors.IpAddress, "server at 192.168.10.24 is down" },
        { DlpDetectors.IpAddress, "from 2001:db8::8a2e:370:7334 today" },
        { DlpDetectors.IpAddress, "fe80::1 link-local" },
        { DlpDetectors.Secret, "key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD works" },
        { DlpDetectors.Secret, "export ANTHROPIC_API_KEY=sk-ant-api03-Zx9_aB3dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJKLmnopQRSTuvwxYZ01234567-AbCdEf" },
        { DlpDetectors.Secret, "aws AKIAIOSFODNN7EXAMPLE id" },
        { DlpDetectors.Secret, "token ghp_1234567890abcdefghijABCDEFGHIJ123456 here" },
        { DlpDetectors.Secret, "AIzaSyD-1234567890abcdefghijklmnopqrstu" },
        { DlpDetectors.Secret, "slack xoxb-1234567890-abcdefghij" },
        { DlpDetectors.Secret, "stripe sk_live_51HabcdefGHIJKLmnopQRSTuv" },
        { DlpDetectors.Secret, "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" },
        { DlpDetectors.Secret, "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----" },
        { DlpDetectors.Secret, "secret=Q7vZ2kLp9XwR4tYb8NcF3mHj6DsGa1Ue5Ko0Ii" },
    };

    public static TheoryData<string, string> Negatives => new()
    {
        { DlpDetectors.Email, "the @mention feature and user@localhost" },
        { DlpDetectors.Email, "version 1.2@beta and a@b" },
        { DlpDetectors.Phone, "order 12345 shipped on 2024-05-01" },
        { DlpDetectors.Phone, "version 10.2.3.4 released" },
        { DlpDetectors.Phone, "a total of 1234567890123456789 items" },
        { DlpDetectors.Phone, "invoice 2024/000123" },
        { DlpDetectors.PaymentCard, "order 4111 1111 1111 1112 is not Luhn-valid" },
        { DlpDetectors.PaymentCard, "tracking 1234567890123 shipped" },
        { DlpDetectors.PaymentCard, "id 9999-9999-9999-9995 has no issuer" },
        { DlpDetectors.Iban, "DE89 3704 0044 0532 0130 01 has a wrong check" },
        { DlpDetectors.Iban, "ISO 9001 CERT 2015 AB12" },
        { DlpDetectors.UsSsn, "000-12-3456 and 666-12-3456 and 123-00-4567" },
        { DlpDetectors.UsSsn, "call 555-123-4567" },
        { DlpDetectors.IpAddress, "version 1.2.3 and 999.1.1.1" },
        { DlpDetectors.IpAddress, "time 12:30:45 and ratio 3:2" },
        { DlpDetectors.Secret, "the sha is 3f786850e387550fdab836ed7e6dc881de23001b" },
        { DlpDetectors.Secret, "see /usr/local/share/dotnet/shared/Microsoft.NETCore.App" },
        { DlpDetectors.Secret, "internationalization_and_localization_guidelines_document" },
        { DlpDetectors.Secret, "task-force and sk-8 skateboard" },
        { DlpDetectors.Secret, "uuid 123e4567-e89b-12d3-a456-426614174000" },
    };
}
