using Reporting.Domain.Text;

namespace Reporting.Domain.Assessment;

/// <summary>The wordings of how a fee was worked out: the grounds of its rates and the lines of its basis.</summary>
public static class FeeTexts
{
    public static readonly TextKey GroundSource = new("fee.ground.source", "source");
    public static readonly TextKey GroundBand = new("fee.ground.band", "source", "from", "to");
    public static readonly TextKey GroundBandTop = new("fee.ground.band-top", "source", "from");
    public static readonly TextKey GroundNoBand = new("fee.ground.no-band", "source");
    public static readonly TextKey GroundUnmetered = new("fee.ground.unmetered");
    public static readonly TextKey GroundEither = new("fee.ground.either", "grounds");
    public static readonly TextKey BasisAverage = new("fee.basis.average", "price");
    public static readonly TextKey BasisLine = new("fee.basis.line", "kwh", "rate", "ground");
    public static readonly TextKey BasisLineUnverified = new("fee.basis.line-unverified", "kwh", "ground");
    public static readonly TextKey BasisNone = new("fee.basis.none");
    public static readonly TextKey BasisUnverified = new("fee.basis.unverified");

    /// <summary>The parts of a fee's basis, in order (the reader joins lines with " + " and the rest with "; ").</summary>
    public static IReadOnlyList<Message> Basis(IReadOnlyList<FeeLine> lines, decimal? averagePrice, FeeStatus status)
    {
        var parts = new List<Message>();
        if (averagePrice is { } price) parts.Add(BasisAverage.With(("price", MessageValue.Money(Math.Round(price, 2, MidpointRounding.AwayFromZero)))));
        if (lines.Count == 0) parts.Add(BasisNone.With());
        foreach (var line in lines)
        {
            parts.Add(line.RateKztPerKwh is { } rate
                ? BasisLine.With(("kwh", MessageValue.Kwh(line.Kwh)), ("rate", MessageValue.Number(rate)), ("ground", MessageValue.Nested(line.Ground)))
                : BasisLineUnverified.With(("kwh", MessageValue.Kwh(line.Kwh)), ("ground", MessageValue.Nested(line.Ground))));
        }

        if (status == FeeStatus.RateUnverified) parts.Add(BasisUnverified.With());
        return parts;
    }

    /// <summary>The basis as one text: lines joined with " + ", the rest with "; ".</summary>
    public static string Render(Words words, IReadOnlyList<Message> parts)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) text.Append(IsLine(parts[i]) && IsLine(parts[i - 1]) ? " + " : "; ");
            text.Append(words.Render(parts[i]));
        }

        return text.ToString();
    }

    private static bool IsLine(Message part) => part.Code == BasisLine.Key || part.Code == BasisLineUnverified.Key;
}
