using Reporting.Domain.Submissions;

namespace Reporting.Domain.Tests;

/// <summary>
/// Which upload counts for a month (docs/storage.md, step 4): the one received later; at the same instant
/// the one whose upload id is greater in ordinal order; the same content as the current one is a duplicate.
/// The decision must never depend on the order in which uploads are processed.
/// </summary>
public sealed class SupersessionTests
{
    private static readonly DateTimeOffset Noon = new(2025, 4, 3, 12, 0, 0, TimeSpan.Zero);

    // Ids as the pipeline makes them: 32 lower-case hex digits. "a…" > "9…" > "0…" in ordinal order.
    private const string IdLow = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
    private const string IdMid = "9fffffffffffffffffffffffffffffff";
    private const string IdHigh = "a0000000000000000000000000000000";

    [Fact]
    public void The_first_valid_upload_becomes_current()
    {
        var decision = Supersession.Decide(null, new Candidate(IdLow, Noon, "h1"));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.BecomesCurrent, null, IdLow), decision);
    }

    [Fact]
    public void An_upload_received_one_tick_later_replaces_the_current_one()
    {
        var decision = Supersession.Decide(new CurrentReport(IdHigh, Noon, "h1"), new Candidate(IdLow, Noon.AddTicks(1), "h2"));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.BecomesCurrent, IdHigh, IdLow), decision);
    }

    [Fact]
    public void An_upload_received_one_tick_earlier_is_older_whatever_its_id()
    {
        var decision = Supersession.Decide(new CurrentReport(IdLow, Noon, "h1"), new Candidate(IdHigh, Noon.AddTicks(-1), "h2"));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.Older, null, IdLow), decision);
    }

    [Fact]
    public void At_the_same_instant_the_greater_upload_id_wins_whichever_is_processed_first()
    {
        var highFirst = Supersession.Decide(new CurrentReport(IdHigh, Noon, "h1"), new Candidate(IdMid, Noon, "h2"));
        var midFirst = Supersession.Decide(new CurrentReport(IdMid, Noon, "h2"), new Candidate(IdHigh, Noon, "h1"));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.Older, null, IdHigh), highFirst);
        Assert.Equal(new SupersessionDecision(SupersessionOutcome.BecomesCurrent, IdMid, IdHigh), midFirst);
    }

    [Fact]
    public void The_same_upload_processed_again_is_already_current()
    {
        var decision = Supersession.Decide(new CurrentReport(IdMid, Noon, "h1"), new Candidate(IdMid, Noon, "h1"));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.AlreadyCurrent, null, IdMid), decision);
    }

    [Theory]
    [InlineData("ABCDEF")] // hashes compare ignoring case: hex from another tool may be upper-case
    [InlineData("abcdef")]
    public void The_same_content_under_another_upload_is_a_duplicate_even_when_received_later(string candidateHash)
    {
        var decision = Supersession.Decide(new CurrentReport(IdLow, Noon, "abcdef"), new Candidate(IdHigh, Noon.AddHours(1), candidateHash));

        Assert.Equal(new SupersessionDecision(SupersessionOutcome.Duplicate, null, IdLow), decision);
    }

    [Theory]
    [InlineData(0, IdHigh, IdMid, true)]
    [InlineData(0, IdMid, IdHigh, false)]
    [InlineData(0, IdLow, IdMid, false)]
    [InlineData(1, IdLow, IdHigh, true)]    // one tick later beats any id
    [InlineData(-1, IdHigh, IdLow, false)]  // one tick earlier loses to any id
    public void Newer_is_later_receipt_then_greater_id(long ticksAfterOther, string id, string otherId, bool newer)
    {
        Assert.Equal(newer, Supersession.IsNewer(Noon.AddTicks(ticksAfterOther), id, Noon, otherId));
    }

    [Fact]
    public void An_upload_is_never_newer_than_itself()
    {
        // The order is strict: the same receipt instant and id (the same upload) is not "newer", or a retry would replace itself.
        Assert.False(Supersession.IsNewer(Noon, IdMid, Noon, IdMid));
    }

    [Fact]
    public void Of_two_distinct_uploads_exactly_one_is_newer_so_processing_order_cannot_matter()
    {
        string[] ids = [IdLow, IdMid, IdHigh, "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0e"];
        DateTimeOffset[] times = [Noon, Noon.AddTicks(1), Noon.AddSeconds(1)];
        var uploads = ids.SelectMany(id => times.Select(at => (Id: id, At: at))).ToArray();

        foreach (var a in uploads)
        {
            foreach (var b in uploads.Where(b => b != a))
            {
                Assert.NotEqual(Supersession.IsNewer(a.At, a.Id, b.At, b.Id), Supersession.IsNewer(b.At, b.Id, a.At, a.Id));
            }
        }
    }

    [Fact]
    public void Whatever_order_three_same_second_uploads_arrive_in_the_greatest_id_ends_current()
    {
        Candidate[] uploads = [new(IdMid, Noon, "h-mid"), new(IdHigh, Noon, "h-high"), new(IdLow, Noon, "h-low")];
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

        foreach (var order in orders)
        {
            CurrentReport? current = null;
            foreach (var candidate in order.Select(i => uploads[i]))
            {
                var decision = Supersession.Decide(current, candidate);
                if (decision.Outcome == SupersessionOutcome.BecomesCurrent) current = new CurrentReport(candidate.UploadId, candidate.ReceivedAt, candidate.Sha256);
            }

            Assert.Equal(IdHigh, current!.UploadId);
        }
    }
}
