using Microsoft.Extensions.Logging;

namespace Reporting.ExternalStandIn;

/// <summary>Settings of <see cref="ExternalStandInServer"/>.</summary>
public sealed class StandInOptions
{
    /// <summary>The data folder (see <see cref="StandInData"/>); need not exist yet.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The <c>X-Api-Key</c> every request must carry (401 otherwise).</summary>
    public required string ApiKey { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one. The stand-in never listens beyond loopback.</summary>
    public int Port { get; init; }

    /// <summary>A plan for every API at start (each API counts its own requests); changeable later through
    /// <see cref="ExternalStandInServer.Faults"/>.</summary>
    public FaultPlan? Fault { get; init; }

    /// <summary>Plans per API at start, applied after <see cref="Fault"/>.</summary>
    public IReadOnlyDictionary<StandInApi, FaultPlan>? Faults { get; init; }

    /// <summary>Page size when the request has none (the APIs' default).</summary>
    public int DefaultPageSize { get; init; } = 500;

    /// <summary>Largest page size accepted (larger is 400).</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>How many requests <see cref="ExternalStandInServer.Requests"/> keeps (counters are never capped).</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>Clock for delays and the request log.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging of the server itself (Kestrel); none by default.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
