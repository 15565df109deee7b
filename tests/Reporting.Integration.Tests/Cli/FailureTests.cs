using System.Net;
using System.Net.Sockets;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Reports;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Cli;

/// <summary>
/// Whatever goes wrong around it (storage unreachable, refusing or broken, a bad setting, a path that cannot be written,
/// a hostile file), the command line says so in one line, with the exit code that tells usage (2) from failure (1),
/// and prints a stack trace only when asked.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FailureTests(AzuriteFixture azurite)
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static string ConnectionTo(int port, string key = DevKey) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void AssertOneLine(string error, string start)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith(start, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_nobody_answers_is_one_line_and_exit_1_with_the_stack_only_when_verbose()
    {
        var storage = ConnectionTo(FreePort());

        var (exit, _, error) = await CliRunner.RunAsync("ingest", "--storage", storage);
        var verbose = await CliRunner.RunAsync("ingest", "--storage", storage, "--verbose");

        Assert.Equal(1, exit);
        AssertOneLine(error, "error: storage cannot be reached: ");
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_a_usage_error_naming_the_setting()
    {
        var (exit, _, error) = await CliRunner.RunAsync("ingest", "--storage", "DefaultEndpointsProtocol=http;AccountName=x;AccountKey=not base64!!;BlobEndpoint=http://127.0.0.1:1/x");

        Assert.Equal(2, exit);
        AssertOneLine(error, "error: settings: Storage:ConnectionString is not a valid storage connection string");
    }

    [Fact]
    public async Task A_wrong_account_key_is_one_line_saying_the_credentials_were_refused()
    {
        var port = new Uri(azurite.ConnectionString.Split(';').First(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..]).Port;
        if (azurite.Server is null) return; // an external account: the key is the operator's own

        var wrongKey = Convert.ToBase64String(new byte[64]);
        var (exit, _, error) = await CliRunner.RunAsync("storage", "init", "--storage", ConnectionTo(port, wrongKey).Replace($":{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}", $":{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{azurite.Server.TablePort}", StringComparison.Ordinal));

        Assert.Equal(1, exit);
        AssertOneLine(error, "error: storage refused the credentials (403");
    }

    [Fact]
    public async Task Storage_answering_500_with_an_empty_body_is_one_line_and_the_client_retries_no_more_than_its_policy()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = 0;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                context.Response.StatusCode = 500;
                context.Response.Close();
            }
        });

        var (exit, _, error) = await CliRunner.RunAsync("ingest", "--storage", ConnectionTo(port));
        listener.Stop();
        await serving;

        Assert.Equal(1, exit);
        AssertOneLine(error, "error: storage refused the request (500 ");
        Assert.InRange(requests, 1, 4); // the first request and the storage client's 3 retries, then the run gives up
    }

    [Fact]
    public async Task An_out_path_that_is_a_folder_or_cannot_be_written_is_a_usage_error_before_any_work()
    {
        using var temp = new TempDirectory();

        var folder = await CliRunner.RunAsync("template", "consumption", "--out", temp.Path);
        var missingFolder = await CliRunner.RunAsync("template", "consumption", "--out", Path.Combine(temp.Path, "no", "such", "t.xlsx"));
        var unwritable = await CliRunner.RunAsync("template", "consumption", "--out", "/proc/version");

        Assert.Equal(2, folder.ExitCode);
        AssertOneLine(folder.Error, $"error: {temp.Path} is a folder");
        Assert.Equal(2, missingFolder.ExitCode);
        AssertOneLine(missingFolder.Error, "error: folder not found: ");
        Assert.Equal(2, unwritable.ExitCode);
        AssertOneLine(unwritable.Error, "error: cannot write /proc/version: ");
    }

    [Fact]
    public async Task Terminal_escapes_and_bidi_controls_from_a_file_are_printed_inert()
    {
        using var temp = new TempDirectory();
        var path = temp.File("hostile.xlsx");
        using (var stream = File.Create(path))
        using (var writer = new XlsxWriter(stream))
        {
            MonthReportWriter.WriteReportSheet(writer, SampleFiles.SampleConsumption().Header);
            var sheet = writer.AddSheet("Consumption");
            sheet.WriteRow("Site", "Meter", "Source", "kWh", "Cost KZT");
            sheet.WriteRow("Site", "M-1", "\u001b]0;pwned\u0007\u001b[2J\u202Eexe.txt", 1000, 25_000);
        }

        var (exit, output, _) = await CliRunner.RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.DoesNotContain(output, c => c is '\u001b' or '\u0007' or '\u202E');
        Assert.Contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u202eexe.txt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quarter_that_has_not_begun_is_not_published_and_a_link_shorter_than_a_minute_is_refused()
    {
        var future = await CliRunner.RunAsync("report", "quarterly", "--quarter", "2999-Q1", "--storage", azurite.ConnectionString);
        var brief = await CliRunner.RunAsync("report", "link", "--quarter", "2025-Q1", "--hours", "0.001", "--storage", azurite.ConnectionString);

        Assert.Equal(2, future.ExitCode);
        AssertOneLine(future.Error, "error: Q1 2999 has not begun yet");
        Assert.Equal(2, brief.ExitCode);
        AssertOneLine(brief.Error, "error: --hours must be from 0.017 (one minute) to 168");
    }

    [Theory]
    [InlineData("https", "spr=https&")]
    [InlineData("http", "spr=https,http&")]
    public async Task An_account_key_link_over_https_is_valid_over_https_only(string scheme, string expected)
    {
        var clients = new StorageClients(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol={scheme};AccountName=kzmining;AccountKey={DevKey};BlobEndpoint={scheme}://kzmining.example/;TableEndpoint={scheme}://kzmining-t.example/",
        });
        var store = new ReportStore(clients, TimeProvider.System);

        var link = await store.CreateReadLinkAsync("2025-Q1/abc/consolidated-2025-Q1.xlsx", TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Contains(expected, link.Query + "&", StringComparison.Ordinal);
        Assert.Contains("sp=r&", link.Query + "&", StringComparison.Ordinal);
    }
}
