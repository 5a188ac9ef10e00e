using Switchyard.Governance.Dlp;

namespace Switchyard.DataPlane.Tests.Guardrails.Dlp;

public class DlpChecksTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("79927398713", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398710", false)]
    public void Luhn_Number_ChecksTheCheckDigit(string number, bool valid) => Assert.Equal(valid, DlpChecks.Luhn(number));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("NO9386011117947", true)]
    [InlineData("GB82WEST12345698765431", false)]
    [InlineData("DE89370400440532013000X", false)]
    [InlineData("XX82WEST12345698765432", false)]
    public void Iban_Value_ChecksCountryLengthAndMod97(string iban, bool valid) => Assert.Equal(valid, DlpChecks.Iban(iban));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5105105105105100", true)]
    [InlineData("378282246310005", true)]
    [InlineData("9111111111111111", false)]
    [InlineData("37828224631000", false)]
    public void CardIssuer_Digits_KnownPrefixAndLength(string digits, bool valid) => Assert.Equal(valid, DlpChecks.CardIssuer(digits));

    [Fact]
    public void Entropy_RandomVersusRepetitive_HigherForRandom()
    {
        Assert.Equal(0, DlpChecks.Entropy("aaaaaaaa"));
        Assert.Equal(1, DlpChecks.Entropy("abababab"), 6);
        Assert.True(DlpChecks.Entropy("Q7vZ2kLp9XwR4tYb8NcF3mHj6DsGa1Ue") > 4.2);
    }
}
