using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>A worksheet of the workbook: its name as shown on the tab and its part in the package.</summary>
public sealed record SheetInfo(string Name, string PartName, bool Hidden);

/// <summary>
/// An .xlsx package opened for streaming reads, after the checks that make it safe to read: file
/// size, format (zip, not a renamed CSV, legacy .xls or encrypted file), no macros, and the zip-bomb
/// guard on entry count and unpacked size. Nothing loads a whole worksheet into memory.
/// </summary>
public sealed class XlsxPackage : IDisposable
{
    private const string MainContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string TemplateContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";

    private readonly ZipArchive _archive;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly DecompressionBudget _budget;
    private readonly string? _sharedStringsPart;
    private readonly string? _stylesPart;
    private string[]? _sharedStrings;
    private StyleTable? _styles;

    private XlsxPackage(Stream stream, bool ownsStream, ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries, DecompressionBudget budget,
        IReadOnlyList<SheetInfo> sheets, bool date1904, string? sharedStringsPart, string? stylesPart)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _archive = archive;
        _entries = entries;
        _budget = budget;
        Sheets = sheets;
        Date1904 = date1904;
        _sharedStringsPart = sharedStringsPart;
        _stylesPart = stylesPart;
    }

    public IReadOnlyList<SheetInfo> Sheets { get; }

    /// <summary>True for workbooks that count dates from 1904 (old Mac Excel).</summary>
    public bool Date1904 { get; }

    /// <summary>The first sheet whose tab name is one of the heading's spellings (any language; case and spaces ignored).</summary>
    public SheetInfo? FindSheet(Heading name) => Sheets.FirstOrDefault(s => name.Matches(s.Name));

    /// <summary>
    /// Opens a workbook, or explains why it cannot be read. The stream is read from its current position;
    /// a non-seekable stream is buffered (up to the size limit).
    /// </summary>
    public static XlsxOpenResult Open(Stream input, WorkbookLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);

        Stream stream;
        var ownsStream = false;
        if (input.CanSeek)
        {
            if (input.Length - input.Position > limits.MaxBytes) return Rejected(TooLarge(input.Length - input.Position, limits));
            stream = input;
        }
        else
        {
            var buffer = new MemoryStream();
            var copied = CopyBounded(input, buffer, limits.MaxBytes + 1);
            if (copied > limits.MaxBytes) return Rejected(TooLarge(copied, limits, atLeast: true));
            buffer.Position = 0;
            stream = buffer;
            ownsStream = true;
        }

        try
        {
            var result = OpenSeekable(stream, ownsStream, limits);
            if (result.Package is null && ownsStream) stream.Dispose();
            return result;
        }
        catch
        {
            if (ownsStream) stream.Dispose();
            throw;
        }
    }

    private static XlsxOpenResult OpenSeekable(Stream stream, bool ownsStream, WorkbookLimits limits)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[512];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var sniffed = FileSniffer.Check(head[..headLength], () =>
        {
            stream.Position = start;
            var all = new MemoryStream();
            stream.CopyTo(all);
            return all.ToArray();
        });
        if (sniffed is not null) return Rejected(sniffed);
        stream.Position = start;

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return Rejected(Damaged(ReadingTexts.ZipBroken));
        }

        try
        {
            var rejection = CheckArchive(archive, limits, out var entries);
            if (rejection is not null)
            {
                archive.Dispose();
                return Rejected(rejection);
            }

            var budget = new DecompressionBudget(limits.MaxUncompressedBytes);
            var package = ReadStructure(stream, ownsStream, archive, entries, budget, limits, out rejection);
            if (package is null) archive.Dispose();
            return package is null ? Rejected(rejection!) : new XlsxOpenResult(package, null);
        }
        catch (WorkbookRejectedException e)
        {
            archive.Dispose();
            return Rejected(e.Issue);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            archive.Dispose();
            return Rejected(Damaged(ReadingTexts.PartNotXml));
        }
    }

    private static ValidationIssue? CheckArchive(ZipArchive archive, WorkbookLimits limits, out Dictionary<string, ZipArchiveEntry> entries)
    {
        entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        if (archive.Entries.Count > limits.MaxEntries)
        {
            return ValidationIssue.Error(IssueCodes.ArchiveTooLargeParts.With(("parts", archive.Entries.Count), ("max_parts", limits.MaxEntries)),
                value: archive.Entries.Count.ToString(CultureInfo.InvariantCulture));
        }

        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            declared += entry.Length;
            // Part names are case-insensitive (OPC): two entries of one name would let tools disagree on which one is the sheet
            // (unzip reads the first, .NET the last), so a miner could show an auditor other figures than the ones assessed.
            if (!entries.TryAdd(Normalize(entry.FullName), entry))
                return ValidationIssue.Error(IssueCodes.DuplicatePart.With(("part", entry.FullName)), value: entry.FullName);
        }

        if (declared > limits.MaxUncompressedBytes)
        {
            return ValidationIssue.Error(IssueCodes.ArchiveTooLargeUnpacked.With(("size_mib", declared / (1024 * 1024)), ("max_mib", limits.MaxUncompressedBytes / (1024 * 1024))),
                value: declared.ToString(CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static XlsxPackage? ReadStructure(Stream stream, bool ownsStream, ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries,
        DecompressionBudget budget, WorkbookLimits limits, out ValidationIssue? rejection)
    {
        rejection = null;
        if (!entries.TryGetValue("[Content_Types].xml", out var contentTypesEntry))
        {
            rejection = Damaged(ReadingTexts.NoContentTypes);
            return null;
        }

        var contentTypes = ReadContentTypes(Open(contentTypesEntry, budget));
        var rootRelationships = entries.TryGetValue("_rels/.rels", out var rootRels)
            ? ReadRelationships(Open(rootRels, budget), "")
            : [];
        var workbookPart = rootRelationships.FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))?.Target ?? "xl/workbook.xml";

        contentTypes.TryGetValue(workbookPart, out var mainType);
        if (entries.ContainsKey("xl/vbaProject.bin") || (mainType?.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) == true && !mainType.Contains("binary", StringComparison.OrdinalIgnoreCase)))
        {
            rejection = ValidationIssue.Error(IssueCodes.MacroEnabled.With());
            return null;
        }

        if (mainType is not null && mainType != MainContentType && mainType != TemplateContentType)
        {
            rejection = ValidationIssue.Error(DescribeOtherDocument(mainType));
            return null;
        }

        if (!entries.TryGetValue(workbookPart, out var workbookEntry))
        {
            rejection = Damaged(ReadingTexts.WorkbookPartMissing);
            return null;
        }

        var relationships = entries.TryGetValue(RelationshipsPartOf(workbookPart), out var workbookRels)
            ? ReadRelationships(Open(workbookRels, budget), DirectoryOf(workbookPart))
            : [];
        var (sheetRefs, date1904) = ReadWorkbook(Open(workbookEntry, budget));

        // A relationship id given twice (a damaged or crafted file): the first one counts, as in Excel.
        var byId = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        foreach (var relationship in relationships) byId.TryAdd(relationship.Id, relationship);
        var sheets = new List<SheetInfo>();
        foreach (var (name, relationshipId, hidden) in sheetRefs)
        {
            if (relationshipId is not null && byId.TryGetValue(relationshipId, out var relationship) &&
                relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal) && entries.ContainsKey(relationship.Target))
            {
                sheets.Add(new SheetInfo(name, relationship.Target, hidden));
            }
        }

        var sharedStrings = relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal))?.Target;
        var styles = relationships.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal))?.Target;
        // The shared strings are held in memory while the sheets are read (cells refer to them by index), so their size is bounded.
        if (sharedStrings is not null && entries.TryGetValue(sharedStrings, out var sharedStringsEntry) && sharedStringsEntry.Length > limits.MaxSharedStringsBytes)
        {
            rejection = ValidationIssue.Error(
                IssueCodes.ArchiveTooLargeSharedStrings.With(("size_mib", sharedStringsEntry.Length / (1024 * 1024)), ("max_mib", limits.MaxSharedStringsBytes / (1024 * 1024))),
                value: sharedStringsEntry.Length.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return new XlsxPackage(stream, ownsStream, archive, entries, budget, sheets, date1904,
            sharedStrings is not null && entries.ContainsKey(sharedStrings) ? sharedStrings : null,
            styles is not null && entries.ContainsKey(styles) ? styles : null);
    }

    /// <summary>
    /// Streams the rows of a sheet. Throws <see cref="WorkbookRejectedException"/> when the sheet is
    /// damaged or expands beyond the limits while it is read.
    /// </summary>
    public IEnumerable<SheetRow> ReadRows(SheetInfo sheet)
    {
        var reader = new SheetReader(SharedStringTable(), Styles(), Date1904);
        return Guard(reader.ReadRows(Open(_entries[sheet.PartName], _budget)));
    }

    private static IEnumerable<SheetRow> Guard(IEnumerable<SheetRow> rows)
    {
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext()) yield break;
            }
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                throw new WorkbookRejectedException(Damaged(ReadingTexts.SheetXmlBroken));
            }

            yield return enumerator.Current;
        }
    }

    private string[] SharedStringTable()
    {
        if (_sharedStrings is null)
        {
            try
            {
                _sharedStrings = _sharedStringsPart is null ? [] : SharedStrings.Read(Open(_entries[_sharedStringsPart], _budget));
            }
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                throw new WorkbookRejectedException(Damaged(ReadingTexts.SharedStringsBroken));
            }
        }

        return _sharedStrings;
    }

    private StyleTable Styles()
    {
        if (_styles is null)
        {
            try
            {
                _styles = _stylesPart is null ? StyleTable.Empty : StyleTable.Read(Open(_entries[_stylesPart], _budget));
            }
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                throw new WorkbookRejectedException(Damaged(ReadingTexts.StylesBroken));
            }
        }

        return _styles;
    }

    private static Stream Open(ZipArchiveEntry entry, DecompressionBudget budget) => new BoundedReadStream(entry.Open(), budget);

    private static Dictionary<string, string> ReadContentTypes(Stream stream)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Override")
            {
                var part = reader.GetAttribute("PartName");
                var type = reader.GetAttribute("ContentType");
                if (part is not null && type is not null) overrides[Normalize(part)] = type;
            }
        }

        return overrides;
    }

    private sealed record Relationship(string Id, string Type, string Target);

    private static List<Relationship> ReadRelationships(Stream stream, string baseDirectory)
    {
        var relationships = new List<Relationship>();
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship") continue;
            if (string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase)) continue;
            var id = reader.GetAttribute("Id");
            var type = reader.GetAttribute("Type");
            var target = reader.GetAttribute("Target");
            if (id is null || type is null || target is null) continue;
            relationships.Add(new Relationship(id, type, Resolve(baseDirectory, target)));
        }

        return relationships;
    }

    private static (List<(string Name, string? RelationshipId, bool Hidden)> Sheets, bool Date1904) ReadWorkbook(Stream stream)
    {
        var sheets = new List<(string, string?, bool)>();
        var date1904 = false;
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "workbookPr")
            {
                var value = reader.GetAttribute("date1904");
                date1904 = value is "1" or "true";
            }
            else if (reader.LocalName == "sheet")
            {
                var name = reader.GetAttribute("name") ?? "";
                var state = reader.GetAttribute("state");
                string? relationshipId = null;
                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0) relationshipId = reader.Value;
                    }
                    while (reader.MoveToNextAttribute());
                    reader.MoveToElement();
                }

                sheets.Add((name, relationshipId, state is "hidden" or "veryHidden"));
            }
            else if (reader.LocalName == "sheetData")
            {
                break;
            }
        }

        return (sheets, date1904);
    }

    private static Message DescribeOtherDocument(string contentType) => contentType switch
    {
        _ when contentType.Contains("wordprocessingml", StringComparison.Ordinal) => IssueCodes.NotAWorkbookWord.With(),
        _ when contentType.Contains("presentationml", StringComparison.Ordinal) => IssueCodes.NotAWorkbookPowerPoint.With(),
        _ when contentType.Contains("binary", StringComparison.OrdinalIgnoreCase) => IssueCodes.NotAWorkbookXlsb.With(),
        _ => IssueCodes.NotAWorkbookOtherDocument.With(("content_type", contentType)),
    };

    private static string Normalize(string partName) => partName.Replace('\\', '/').TrimStart('/');

    private static string DirectoryOf(string partName)
    {
        var slash = partName.LastIndexOf('/');
        return slash < 0 ? "" : partName[..(slash + 1)];
    }

    private static string RelationshipsPartOf(string partName)
    {
        var directory = DirectoryOf(partName);
        return $"{directory}_rels/{partName[directory.Length..]}.rels";
    }

    /// <summary>Resolves a relationship target against the folder of the part that names it.</summary>
    private static string Resolve(string baseDirectory, string target)
    {
        target = target.Replace('\\', '/');
        var path = target.StartsWith('/') ? target.TrimStart('/') : baseDirectory + target;
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(Uri.UnescapeDataString(segment));
            }
        }

        return string.Join('/', parts);
    }

    private static long CopyBounded(Stream source, Stream destination, long max)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while (total < max && (read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, max - total))) > 0)
        {
            destination.Write(buffer, 0, read);
            total += read;
        }

        return total;
    }

    /// <summary>The rejection of a file over the size limit (<paramref name="atLeast"/>: only its first bytes were read).</summary>
    public static ValidationIssue TooLarge(long size, WorkbookLimits limits, bool atLeast = false) =>
        ValidationIssue.Error(atLeast
                ? IssueCodes.FileTooLargeAtLeast.With(("size_mb", Megabytes(size)), ("max_mb", Megabytes(limits.MaxBytes)))
                : IssueCodes.FileTooLarge.With(("size_mb", Megabytes(size)), ("max_mb", Megabytes(limits.MaxBytes))),
            value: size.ToString(CultureInfo.InvariantCulture));

    private static MessageValue Megabytes(long bytes) => MessageValue.Number(Math.Round(bytes / 1_000_000m, 1));

    /// <summary>
    /// The failures a reader foresees in a damaged file (a broken zip or deflate stream, malformed XML, a bad character
    /// encoding): a rejection. Anything else is a bug and must reach the host, which retries and logs it.
    /// </summary>
    public static bool IsDamage(Exception failure) => failure is InvalidDataException or XmlException or System.Text.DecoderFallbackException;

    private static ValidationIssue Damaged(TextKey reason) => ValidationIssue.Error(IssueCodes.NotAWorkbook.With(("reason", MessageValue.Term(reason))));

    private static XlsxOpenResult Rejected(ValidationIssue issue) => new(null, issue);

    public void Dispose()
    {
        _archive.Dispose();
        if (_ownsStream) _stream.Dispose();
    }
}

/// <summary>Either an open package or the single issue that explains why the file cannot be read.</summary>
public sealed record XlsxOpenResult(XlsxPackage? Package, ValidationIssue? Rejection);
