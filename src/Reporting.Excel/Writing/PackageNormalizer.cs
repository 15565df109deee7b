using System.IO.Compression;
using System.Text;
using System.Xml;
using ClosedXML.Excel;

namespace Reporting.Excel.Writing;

/// <summary>
/// ClosedXML (through the Open XML SDK) writes every part with a prefixed root namespace
/// (<c>&lt;x:worksheet xmlns:x=...&gt;</c>, <c>&lt;ap:Properties&gt;</c>). Excel reads that, but readers
/// that match element names literally (exceljs among them) do not. This rewrites each XML part with its
/// root namespace as the default one, leaving content, other namespaces and the package untouched.
/// </summary>
public static class PackageNormalizer
{
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), Indent = false, NamespaceHandling = NamespaceHandling.OmitDuplicates };

    /// <summary>Saves a ClosedXML workbook as bytes that every common reader accepts.</summary>
    public static byte[] Save(XLWorkbook workbook)
    {
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return DefaultNamespaces(output.ToArray());
    }

    public static byte[] DefaultNamespaces(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = entry.LastWriteTime;
                using var source = entry.Open();
                using var target = copy.Open();
                if (IsXml(entry.FullName)) Rewrite(source, target);
                else source.CopyTo(target);
            }
        }

        return output.ToArray();
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith(".psmdcp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private static void Rewrite(Stream source, Stream target)
    {
        using var reader = XmlReader.Create(source, ReaderSettings);
        using var writer = XmlWriter.Create(target, WriterSettings);
        string? rootNamespace = null;
        string? rootPrefix = null;
        writer.WriteStartDocument(standalone: true);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (rootNamespace is null)
                    {
                        rootNamespace = reader.NamespaceURI;
                        rootPrefix = reader.Prefix;
                    }

                    var empty = reader.IsEmptyElement;
                    var inRoot = reader.NamespaceURI == rootNamespace;
                    writer.WriteStartElement(inRoot ? "" : reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            // The root namespace becomes the default; its old prefix declaration goes.
                            if (reader.Prefix == "xmlns" && reader.LocalName == rootPrefix && reader.Value == rootNamespace && rootPrefix!.Length > 0) continue;
                            if (reader.Prefix.Length == 0 && reader.LocalName == "xmlns") continue;
                            writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    if (empty) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
            }
        }
    }
}
