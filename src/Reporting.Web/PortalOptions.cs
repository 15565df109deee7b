using System.ComponentModel.DataAnnotations;

namespace Reporting.Web;

/// <summary>Settings of the portal (section "Portal"). Identity is not a setting: each host chooses it in code.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>How long a sign-in name's registry entry is reused before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UserCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a submission's page asks whether processing has finished.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:01:00")]
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
