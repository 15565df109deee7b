using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>
/// The queue trigger payload the host sends for a string parameter (message text as a string, the message's
/// binding data as trigger metadata) binds in the real worker, checked with the HostProbeQueue probe function.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class QueueProbeTests(WorkerFixture fixture)
{
    [Fact]
    public async Task A_queue_message_and_its_metadata_reach_the_function()
    {
        var message = new QueueMessageProperties(
            "{\"licence\":\"KZ-DM-0016\"}",
            3,
            "5d4c8e1a-0000-4000-8000-000000000001",
            "AgAAAAMAAAAAAAAA",
            new DateTimeOffset(2026, 1, 31, 10, 15, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 7, 10, 15, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 31, 10, 25, 0, TimeSpan.Zero));

        var result = await fixture.Worker.InvokeQueueAsync("HostProbeQueue", message);

        Assert.True(result.Succeeded, result.ToString());
        var line = Assert.Single(result.Logs, l => l.Category == "Reporting.Functions.HostProbeQueue");
        Assert.Equal("Information", line.Level);
        Assert.Equal(
            "Probe message 5d4c8e1a-0000-4000-8000-000000000001 (dequeue count 3, inserted 2026-01-31T10:15:00.0000000+00:00): {\"licence\":\"KZ-DM-0016\"}",
            line.Message);
    }

    [Fact]
    public async Task The_short_form_sets_the_dequeue_count()
    {
        var result = await fixture.Worker.InvokeQueueAsync("HostProbeQueue", "plain text", dequeueCount: 5);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("(dequeue count 5,", Assert.Single(result.Logs, l => l.Category == "Reporting.Functions.HostProbeQueue").Message, StringComparison.Ordinal);
    }
}
