using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Samples;

/// <summary>
/// A deterministic, realistic population of licensed miners: the registry (licences of both subtypes
/// in all zones, equipment, monthly grid quotas, AIFC exchanges) and each miner's month reports.
/// Volumes follow the public picture: tens of millions of kWh a month for large miners, grid prices
/// of 18-32 KZT/kWh, BTC yields per kWh that fall after the 2024 halving.
/// </summary>
public sealed class SampleDataset
{
    private static readonly string[] Cities = ["Ekibastuz", "Pavlodar", "Karaganda", "Kostanay", "Semey", "Almaty", "Shymkent", "Taraz", "Aktobe", "Atyrau", "Uralsk", "Aktau", "Petropavl", "Kokshetau", "Temirtau", "Zhezkazgan"];
    private static readonly string[] Names = ["Hash", "Digital", "Compute", "Energy Mining", "Data Center", "Blockchain", "Steppe Mining", "Crypto Power", "Node", "Digital Assets"];
    private static readonly Zone[] CityZones = [Zone.North, Zone.North, Zone.North, Zone.North, Zone.North, Zone.South, Zone.South, Zone.South, Zone.West, Zone.West, Zone.West, Zone.West, Zone.North, Zone.North, Zone.North, Zone.North];
    private static readonly (string Model, decimal PowerW)[] Models = [("Antminer S19j Pro", 3068m), ("Antminer S19 XP", 3010m), ("Antminer S21", 3500m), ("Whatsminer M50S", 3276m), ("Whatsminer M30S++", 3472m), ("Avalon A1366", 3250m)];
    private static readonly string[] Pools = ["Foundry USA", "AntPool", "ViaBTC", "F2Pool", "Binance Pool"];

    public static IReadOnlyList<AifcExchange> AifcExchanges { get; } =
    [
        new("AIX", "Astana International Exchange"),
        new("ATAIX", "ATAIX Eurasia"),
        new("BYBIT-KZ", "Bybit Kazakhstan"),
        new("BINANCE-KZ", "Binance Kazakhstan"),
    ];

    private static readonly string[] OffshoreExchanges = ["Binance.com", "OKX", "HTX"];

    /// <param name="licences">How many licensed miners.</param>
    /// <param name="seed">The same seed gives the same miners and reports.</param>
    /// <param name="registryFrom">Licences are granted from this date over the following 18 months.</param>
    /// <param name="fleetScale">Multiplies every fleet's units (to reach a national total of kWh).</param>
    /// <param name="validAtLeastUntil">Licences are renewed at least until this date (a few expire anyway).</param>
    public SampleDataset(int licences = 48, int seed = 2025, DateOnly? registryFrom = null, decimal fleetScale = 1, DateOnly? validAtLeastUntil = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(licences, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fleetScale);
        Seed = seed;
        var random = new Random(seed);
        var from = registryFrom ?? new DateOnly(2022, 1, 1);
        var profiles = new List<MinerProfile>();
        for (var i = 1; i <= licences; i++)
        {
            var profile = NewProfile(random, i, from);
            if (fleetScale != 1)
            {
                profile = profile with { Equipment = [.. profile.Equipment.Select(e => e with { Units = Math.Max(1, (int)Math.Round(e.Units * fleetScale)) })] };
            }

            if (validAtLeastUntil is { } until && profile.Licence.ValidTo < until && i % 23 != 0)
            {
                profile = profile with { Licence = profile.Licence with { ValidTo = until } };
            }

            profiles.Add(profile);
        }

        Profiles = profiles;
        Exchanges = AifcExchanges;
    }

    public int Seed { get; }
    public IReadOnlyList<MinerProfile> Profiles { get; }
    public IReadOnlyList<AifcExchange> Exchanges { get; }

    /// <summary>The registry with quotas for the given months (quotas exist from the regime's start, July 2023).</summary>
    public Registry Registry(IEnumerable<Month> quotaMonths)
    {
        var quotas = new List<GridQuota>();
        foreach (var month in quotaMonths.Where(m => m >= new Month(2023, 7)))
        {
            foreach (var profile in Profiles)
            {
                if (!profile.Licence.IsActiveIn(month) || profile.GridShare == 0) continue;
                var random = RandomFor(profile, month, salt: 1);
                // Most months the miner buys a little more than it uses; some never get a quota (a no-quota violation if they use grid power).
                if (random.NextDouble() < 0.03) continue;
                var planned = PlannedKwh(profile, month) * profile.GridShare;
                var headroom = profile.ExceedsQuotaSometimes && random.NextDouble() < 0.35 ? 0.93m : 1.02m + (decimal)random.NextDouble() * 0.08m;
                quotas.Add(new GridQuota(profile.Licence.Number, month, decimal.Round(planned * headroom, 0)));
            }
        }

        return new Registry(
            Profiles.Select(p => p.Licence).ToArray(),
            quotas,
            Profiles.SelectMany(p => p.Equipment).ToArray(),
            Exchanges);
    }

    /// <summary>The consumption report the miner files for a month.</summary>
    public ConsumptionReport Consumption(MinerProfile profile, Month month)
    {
        var random = RandomFor(profile, month, salt: 2);
        var total = PlannedKwh(profile, month) * (0.96m + (decimal)random.NextDouble() * 0.06m);
        var rows = new List<ConsumptionRow>();
        var rowNumber = 2;
        var shares = new (EnergySource Source, decimal Share)[]
        {
            (EnergySource.Grid, profile.GridShare),
            (EnergySource.Import, profile.ImportShare),
            (EnergySource.Renewable, profile.RenewableShare),
            (EnergySource.OwnGeneration, profile.OwnGenerationShare),
            (EnergySource.OffGrid, profile.OffGridShare),
        };
        foreach (var (source, share) in shares)
        {
            if (share == 0) continue;
            var sourceKwh = total * share;
            for (var s = 0; s < profile.Sites.Count; s++)
            {
                var site = profile.Sites[s];
                var siteKwh = decimal.Round(sourceKwh / profile.Sites.Count, 3);
                var unmetered = profile.HasUnmeteredSite && s == profile.Sites.Count - 1 && source == EnergySource.Renewable;
                var meter = unmetered ? null : string.Create(CultureInfo.InvariantCulture, $"{MeterPrefix(source)}-{profile.Licence.Number[^4..]}-{s + 1:D2}");
                var price = source switch
                {
                    EnergySource.Grid => profile.GridPriceKzt * (0.97m + (decimal)random.NextDouble() * 0.06m),
                    EnergySource.Import => profile.ImportPriceKzt * (0.97m + (decimal)random.NextDouble() * 0.06m),
                    _ => (decimal?)null,
                };
                rows.Add(new ConsumptionRow(rowNumber++, site, meter, source, siteKwh, price is { } p ? decimal.Round(siteKwh * p, 2) : null));
            }
        }

        return new ConsumptionReport(Header(profile, ReportKind.Consumption, month), rows);
    }

    /// <summary>The sales report for a month: daily pool payouts and a handful of exchange trades.</summary>
    public SalesReport Sales(MinerProfile profile, Month month)
    {
        var random = RandomFor(profile, month, salt: 3);
        var kwh = PlannedKwh(profile, month);
        var btc = kwh * BtcPerKwh(month);
        var pool = Pools[random.Next(Pools.Length)];
        var wallet = "bc1q" + Convert.ToHexStringLower(BitConverter.GetBytes(Mix((ulong)Seed, (ulong)Index(profile)))) + profile.Licence.Number[^4..];
        var mined = new List<MinedRow>();
        var perDay = btc / month.Days;
        for (var day = 1; day <= month.Days; day++)
        {
            var quantity = decimal.Round(perDay * (0.85m + (decimal)random.NextDouble() * 0.3m), 8);
            if (quantity <= 0) continue;
            mined.Add(new MinedRow(day + 1, "BTC", quantity, new DateOnly(month.Year, month.Number, day), pool, wallet));
        }

        var minedTotal = mined.Sum(m => m.Quantity);
        var sold = new List<SoldRow>();
        var toSell = minedTotal * profile.SaleShare * (0.98m + (decimal)random.NextDouble() * 0.06m);
        var trades = random.Next(3, 9);
        for (var t = 0; t < trades && toSell > 0; t++)
        {
            var quantity = t == trades - 1 ? toSell : decimal.Round(toSell / (trades - t) * (0.7m + (decimal)random.NextDouble() * 0.6m), 8);
            quantity = decimal.Round(Math.Min(quantity, toSell), 8);
            if (quantity <= 0) break;
            toSell -= quantity;
            var offshore = profile.SellsOffshore && t == 0;
            var exchange = offshore ? OffshoreExchanges[random.Next(OffshoreExchanges.Length)] : AifcExchanges[random.Next(AifcExchanges.Count)].Code;
            var day = Math.Min(month.Days, 3 + t * 4 + random.Next(0, 3));
            var price = decimal.Round(BtcPriceUsd(month) * (0.97m + (decimal)random.NextDouble() * 0.06m), 2);
            sold.Add(new SoldRow(t + 2, "BTC", quantity, new DateOnly(month.Year, month.Number, day), exchange,
                string.Create(CultureInfo.InvariantCulture, $"{exchange[..Math.Min(3, exchange.Length)].ToUpperInvariant()}-{month.Year % 100:D2}{month.Number:D2}-{profile.Licence.Number[^4..]}-{t + 1:D3}"),
                price, "USDT"));
        }

        return new SalesReport(Header(profile, ReportKind.Sales, month), mined, sold);
    }

    public static ReportHeader Header(MinerProfile profile, ReportKind kind, Month month) =>
        new(kind, profile.Licence.Number, profile.Licence.Bin, profile.Licence.Company, month, "1.0");

    /// <summary>kWh the miner's fleet uses in a month at its usual utilisation.</summary>
    public static decimal PlannedKwh(MinerProfile profile, Month month) =>
        decimal.Round(profile.CapacityKw * month.Hours * profile.Utilisation, 3);

    /// <summary>Rough BTC yield per kWh for a modern fleet: halves with the April 2024 halving, falls as difficulty grows.</summary>
    public static decimal BtcPerKwh(Month month) => month switch
    {
        _ when month < new Month(2023, 1) => 0.0000021m,
        _ when month < new Month(2024, 5) => 0.0000016m,
        _ when month < new Month(2025, 1) => 0.00000085m,
        _ => 0.00000072m,
    };

    private static decimal BtcPriceUsd(Month month) => month.Year switch
    {
        2022 => 30_000m,
        2023 => 29_000m,
        2024 => 65_000m,
        _ => 95_000m,
    };

    private MinerProfile NewProfile(Random random, int index, DateOnly from)
    {
        var city = random.Next(Cities.Length);
        var number = string.Create(CultureInfo.InvariantCulture, $"KZ-DM-{index:D4}");
        var company = $"{Cities[city]} {Names[random.Next(Names.Length)]} LLP";
        var subtype = random.NextDouble() < 0.38 ? LicenceSubtype.I : LicenceSubtype.II;
        var validFrom = from.AddDays(random.Next(0, 540));
        var status = LicenceStatus.Active;
        DateOnly? since = null;
        if (index % 17 == 0)
        {
            status = LicenceStatus.Suspended;
            since = new DateOnly(2025, random.Next(2, 10), random.Next(1, 28));
        }
        else if (index % 29 == 0)
        {
            status = LicenceStatus.Revoked;
            since = new DateOnly(2024, random.Next(3, 12), 1);
        }

        var licence = new Licence(number, BinGenerator.Next(random), company, subtype, CityZones[city],
            validFrom, validFrom.AddYears(3).AddDays(-1), status, since);

        var siteCount = subtype == LicenceSubtype.I ? random.Next(1, 4) : 1;
        var sites = Enumerable.Range(1, siteCount).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Cities[city]}-{s}")).ToArray();
        var equipment = new List<Equipment>();
        var big = random.NextDouble() < 0.3;
        foreach (var _ in Enumerable.Range(0, random.Next(1, 3)))
        {
            var (model, power) = Models[random.Next(Models.Length)];
            var units = big ? random.Next(3000, 12000) : random.Next(150, 2500);
            equipment.Add(new Equipment(number, model, string.Create(CultureInfo.InvariantCulture, $"{model.Split(' ')[^1]}-{index:D4}-{equipment.Count + 1:D2}"), power, units));
        }

        // Energy mix: mostly grid; some import; own-data-centre miners (subtype I) more often have own plants.
        decimal grid = 0.7m + (decimal)random.NextDouble() * 0.3m, import = 0, renewable = 0, own = 0, offGrid = 0;
        if (random.NextDouble() < 0.25) import = 0.1m;
        if (random.NextDouble() < 0.3) renewable = 0.05m + (decimal)random.NextDouble() * 0.2m;
        if (subtype == LicenceSubtype.I && random.NextDouble() < 0.3) own = 0.1m;
        if (subtype == LicenceSubtype.I && random.NextDouble() < 0.15) offGrid = 0.15m;
        if (index % 11 == 0) grid = 0;
        var sum = grid + import + renewable + own + offGrid;
        if (sum == 0)
        {
            offGrid = 1;
            sum = 1;
        }

        // Shares rounded to 4 places; grid (or the largest share) takes the rounding remainder so they sum to 1 exactly.
        var shares = new[] { grid, import, renewable, own, offGrid }.Select(x => decimal.Round(x / sum, 4)).ToArray();
        var largest = Array.IndexOf(shares, shares.Max());
        shares[largest] += 1 - shares.Sum();

        return new MinerProfile(licence, sites, equipment,
            shares[0], shares[1], shares[2], shares[3], shares[4],
            GridPriceKzt: 18m + (decimal)random.Next(0, 1400) / 100m,
            ImportPriceKzt: 26m + (decimal)random.Next(0, 800) / 100m,
            Utilisation: 0.78m + (decimal)random.Next(0, 17) / 100m,
            SaleShare: random.NextDouble() < 0.15 ? 0.55m + (decimal)random.Next(0, 20) / 100m : 0.82m + (decimal)random.Next(0, 15) / 100m,
            SellsOffshore: random.NextDouble() < 0.12,
            ExceedsQuotaSometimes: random.NextDouble() < 0.15,
            HasUnmeteredSite: siteCount > 1 && random.NextDouble() < 0.2);
    }

    // Deterministic across processes (string.GetHashCode and HashCode are randomised per process).
    private Random RandomFor(MinerProfile profile, Month month, int salt) =>
        new(unchecked((int)Mix((ulong)Seed, (ulong)Index(profile), (ulong)(month.Year * 12 + month.Number), (ulong)salt)));

    private static ulong Mix(params ReadOnlySpan<ulong> values)
    {
        var hash = 14695981039346656037UL;
        foreach (var value in values)
        {
            hash ^= value;
            hash *= 1099511628211UL;
            hash ^= hash >> 29;
        }

        return hash;
    }

    private int Index(MinerProfile profile) => int.Parse(profile.Licence.Number[^4..], CultureInfo.InvariantCulture);

    private static string MeterPrefix(EnergySource source) => source switch
    {
        EnergySource.Grid => "KEGOC",
        EnergySource.Import => "IMP",
        EnergySource.Renewable => "RES",
        EnergySource.OwnGeneration => "GEN",
        _ => "OFF",
    };
}
