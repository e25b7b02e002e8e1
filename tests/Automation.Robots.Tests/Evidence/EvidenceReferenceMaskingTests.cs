using Automation.Engine.Masking;
using Automation.Robots.Evidence;

namespace Automation.Robots.Tests.Evidence;

/// <summary>Evidence references survive the journal's CPR masking, which still masks CPR numbers around them.</summary>
public sealed class EvidenceReferenceMaskingTests
{
    // The SHA-256 of "PNG web henvisning/R-2": it holds "2905972773", which reads as a CPR number of 29 May 1997.
    private const string Hash = "bca959e30db9b2458c2905972773fd40f1994dab57d8e78c5cea60527f20e00c";

    [Fact]
    public void MaskText_ReferenceWhoseHashHoldsACprLikeRun_KeepsTheReference()
    {
        var line = $"Screenshot of 'web': {EvidenceReference.Prefix}{Hash}";

        var masked = PersonalDataMasker.MaskText(line);

        Assert.Equal(line, masked);
    }

    [Fact]
    public void MaskText_CprNextToAReference_MasksTheCprOnly()
    {
        var line = $"2905972773 {EvidenceReference.Prefix}{Hash} sha256:2905972773";

        var masked = PersonalDataMasker.MaskText(line);

        Assert.Equal($"{PersonalDataMasker.MaskedCpr} {EvidenceReference.Prefix}{Hash} sha256:{PersonalDataMasker.MaskedCpr}", masked);
    }
}
