using Reporting.TestSupport;

namespace Reporting.Integration.Tests;

/// <summary>Tests in this collection share one Azurite (each with its own name prefix).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
