namespace Automation.LegacyWeb;

/// <summary>Which of the two legacy systems an instance plays.</summary>
public enum LegacyVariant
{
    /// <summary>The referral system: referrals arrive here (list, search, detail, letter download).</summary>
    A,

    /// <summary>The registration system: referrals must be registered here (search, form inside an iframe, receipt).</summary>
    B,
}
