using Azure.Data.Tables;

namespace Reporting.Storage.Registry;

/// <summary>A registry row that an import compares with what is stored: equal content means nothing to write.</summary>
public interface IRegistryEntity<T> : ITableEntity where T : IRegistryEntity<T>
{
    /// <summary>The row without the storage's own metadata (timestamp, ETag), for comparing content.</summary>
    T Content();
}

/// <summary>A licence (Licences, PK "licence", RK number). Codes for the enums (EnumCodes); dates as yyyy-MM-dd.</summary>
public sealed record LicenceEntity : TableRow, IRegistryEntity<LicenceEntity>
{
    public string Licence { get; set; } = "";
    public string Bin { get; set; } = "";
    public string Company { get; set; } = "";
    public string Subtype { get; set; } = "";
    public string Zone { get; set; } = "";
    public string ValidFrom { get; set; } = "";
    public string ValidTo { get; set; } = "";
    public string Status { get; set; } = "";
    public string? StatusSince { get; set; }
    public string? Language { get; set; }

    public LicenceEntity Content() => this with { Timestamp = null, ETag = default };
}

/// <summary>The version of the last import (Licences, PK "~meta").</summary>
public sealed record RegistryMetaEntity : TableRow
{
    public string Version { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }
    public int Licences { get; set; }
    public int Quotas { get; set; }
}

/// <summary>A month's quota (Quotas, PK licence, RK month).</summary>
public sealed record QuotaEntity : TableRow, IRegistryEntity<QuotaEntity>
{
    public string Licence { get; set; } = "";
    public string Kwh { get; set; } = "0";

    public QuotaEntity Content() => this with { Timestamp = null, ETag = default };
}

/// <summary>Registered equipment (Equipment, PK licence, RK serial).</summary>
public sealed record EquipmentEntity : TableRow, IRegistryEntity<EquipmentEntity>
{
    public string Licence { get; set; } = "";
    public string Model { get; set; } = "";
    public string Serial { get; set; } = "";
    public string RatedPowerW { get; set; } = "0";
    public int Units { get; set; }

    public EquipmentEntity Content() => this with { Timestamp = null, ETag = default };
}

/// <summary>An AIFC exchange (Exchanges, PK "aifc", RK code).</summary>
public sealed record ExchangeEntity : TableRow, IRegistryEntity<ExchangeEntity>
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    public ExchangeEntity Content() => this with { Timestamp = null, ETag = default };
}

/// <summary>A portal user (Users, PK "user", RK the identity in lower case); licences comma-separated.</summary>
public sealed record UserEntity : TableRow, IRegistryEntity<UserEntity>
{
    public string User { get; set; } = "";
    public string Role { get; set; } = "";
    public string Licences { get; set; } = "";

    public UserEntity Content() => this with { Timestamp = null, ETag = default };
}
