namespace Reporting.Domain.Registry;

/// <summary>
/// Kazakhstan's business identification number (BIN/IIN): 12 digits, the last a check digit.
/// The check digit is Σ digit×weight mod 11 with weights 1..11; when that is 10, weights 3..11,1,2
/// are used instead; a second 10 means the number is invalid.
/// </summary>
public static class Bin
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static bool IsValid(string? bin)
    {
        if (bin is null || bin.Length != 12) return false;
        foreach (var c in bin) if (c is < '0' or > '9') return false;
        var check = CheckDigit(bin.AsSpan(0, 11));
        return check is not null && check == bin[11] - '0';
    }

    /// <summary>The check digit for the first 11 digits, or null when no valid BIN has them.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> first11)
    {
        if (first11.Length != 11) throw new ArgumentException("A BIN has 11 digits before its check digit.", nameof(first11));
        var remainder = WeightedSum(first11, FirstWeights) % 11;
        if (remainder == 10) remainder = WeightedSum(first11, SecondWeights) % 11;
        return remainder == 10 ? null : remainder;
    }

    private static int WeightedSum(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++) sum += (digits[i] - '0') * weights[i];
        return sum;
    }
}
