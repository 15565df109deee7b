namespace Reporting.TestSupport;

/// <summary>Locations in the repository, found from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReportingPipeline.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (with ReportingPipeline.sln) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;
    public static string Samples => Path.Combine(Root, "samples");
    public static string BrokenSamples => Path.Combine(Root, "samples", "broken");
    public static string Interop => Path.Combine(Root, "tests", "interop");
}
