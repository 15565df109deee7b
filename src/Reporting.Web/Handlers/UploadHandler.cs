using Microsoft.Extensions.Logging;
using Reporting.Web.Pages;
using Reporting.Web.Pipeline;
using Reporting.Web.Routing;
using Reporting.Web.Text;
using Reporting.Web.Uploads;

namespace Reporting.Web.Handlers;

/// <summary>
/// A miner's upload: the size refused from Content-Length before reading and enforced while reading, the form token checked
/// before the file, the file stored create-only under the licence, checked at once with processing's own validator, and
/// handed to processing (Event Grid in production, at once under `reporting serve`).
/// </summary>
public sealed partial class UploadHandler(PortalUploadStore store, UploadCheck check, SubmissionQueries submissions, IUploadReceipts receipts, PortalPages pages,
    ILogger<UploadHandler> logger)
{
    public long MaxBytes => check.MaxBytes;

    public async Task HandleAsync(PortalRequest request, string licence)
    {
        var received = await MultipartUpload.ReadAsync(request.Http.Request, MaxBytes, request.Aborted).ConfigureAwait(false);
        switch (received.Status)
        {
            case ReceiveStatus.TooLarge:
                await pages.TooLargeAsync(request, MaxBytes, licence).ConfigureAwait(false);
                return;
            case ReceiveStatus.NoFile:
                await pages.NoFileAsync(request, licence).ConfigureAwait(false);
                return;
            case ReceiveStatus.NotTheForm or ReceiveStatus.TokenMismatch:
                LogRefused(logger, licence, received.Status.ToString());
                await pages.RefusedAsync(request).ConfigureAwait(false);
                return;
        }

        var stored = await store.PutAsync(licence, received.Content, received.FileName, request.RequiredUser.User, request.Aborted).ConfigureAwait(false);
        var file = check.Check(received.Content, stored.BlobName);
        receipts.Received(stored.BlobName);
        LogStored(logger, stored.BlobName, stored.UploadId, received.Content.Length, file.Report.ErrorCount);
        var model = submissions.Received(licence, stored, file, request.Words);
        await pages.WriteAsync<SubmissionPage>(request, request.Words[PortalTexts.SubmissionHeading], model,
            path: PortalRoutes.Links.Submission(licence, stored.UploadId)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal upload stored as {Blob} (upload {UploadId}, {Bytes} bytes, {Errors} errors at once)")]
    private static partial void LogStored(ILogger logger, string blob, string uploadId, int bytes, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal upload for {Licence} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string licence, string reason);
}
