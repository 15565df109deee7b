using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Counts the bytes decompressed from a workbook's parts against one shared budget. The declared sizes
/// are checked before anything is read and .NET stops each part at its declared size; this is the
/// second line of defence should either ever change.
/// </summary>
internal sealed class DecompressionBudget(long maxBytes)
{
    private long _used;

    public long MaxBytes { get; } = maxBytes;

    public void Consume(int bytes)
    {
        _used += bytes;
        if (_used > MaxBytes)
        {
            throw new WorkbookRejectedException(ValidationIssue.Error(IssueCodes.ArchiveTooLarge.With(("max_mib", MaxBytes / (1024 * 1024)))));
        }
    }
}

internal sealed class BoundedReadStream(Stream inner, DecompressionBudget budget) : ForwardReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        budget.Consume(read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
