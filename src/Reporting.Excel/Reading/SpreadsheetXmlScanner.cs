using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Reporting.Excel.Reading;

/// <summary>The kinds of token <see cref="SpreadsheetXmlScanner"/> stops at.</summary>
internal enum XmlToken
{
    None,
    StartElement,
    EndElement,
    Text,
    EndOfFile,
}

/// <summary>
/// A forward-only XML tokenizer over the parts of a workbook that can be large (worksheets and the shared
/// string table), made for the hot path of the pipeline: reading every cell of a large sheet. Unlike
/// XmlReader it does not turn every attribute and value into a string: names are compared as bytes and
/// values are decoded into a reused character buffer, so a cell allocates nothing unless its text is kept.
/// It checks what an honest file needs and a broken one breaks (matching end tags, quoted and unique
/// attributes, known entities, a complete document) and throws <see cref="XmlException"/> otherwise; it
/// refuses DTDs, and tags or texts longer than <see cref="MaxTokenBytes"/>. It does not check name
/// characters or namespace declarations (elements are identified by local name, as before). Input in
/// another encoding than UTF-8 (declared, or UTF-16 by its byte order mark) is transcoded. Its behaviour
/// is tested against the XmlReader-based reader it replaced (SpreadsheetXmlScannerTests).
/// </summary>
internal sealed class SpreadsheetXmlScanner : IDisposable
{
    /// <summary>Largest single token (tag or text) accepted; Excel's own cells hold at most 32,767 characters.</summary>
    public const int MaxTokenBytes = 4 * 1024 * 1024;

    private const int MaxAttributes = 64;

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LittleEndianMark => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];

    private Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _position;
    private int _end;
    private bool _streamEnded;

    // The names of the open elements, end to end, to check that end tags match (no allocation per element).
    private byte[] _openNames = new byte[256];
    private int[] _openNameStarts = new int[16];
    private int _openNamesLength;
    private int _depth;
    private readonly AttributeSpan[] _attributes = new AttributeSpan[MaxAttributes];
    private int _nameStart;
    private int _nameLength;
    private int _localNameStart;
    private char[] _text = new char[256];
    private char[] _value = new char[64];

    public SpreadsheetXmlScanner(Stream stream)
    {
        _stream = stream;
        DetectEncoding();
    }

    public XmlToken Token { get; private set; }

    /// <summary>For a start tag: it closes itself (&lt;c/&gt;).</summary>
    public bool IsEmptyElement { get; private set; }

    /// <summary>Elements open after the current token (a non-empty start tag counts itself; an end tag no longer does).</summary>
    public int Depth => _depth;

    /// <summary>For a text token: it holds only white space (and was not a CDATA section).</summary>
    public bool IsWhitespace { get; private set; }

    /// <summary>For a text token: the text, entities resolved and line ends normalised (valid until the next read).</summary>
    public ReadOnlySpan<char> Text => _text.AsSpan(0, TextLength);

    public int AttributeCount { get; private set; }

    private int TextLength { get; set; }

    /// <summary>The element's local name (after any prefix) equals <paramref name="name"/> (ASCII).</summary>
    public bool IsLocalName(ReadOnlySpan<byte> name) =>
        _buffer.AsSpan(_localNameStart, _nameStart + _nameLength - _localNameStart).SequenceEqual(name);

    /// <summary>The attribute has no prefix and is named <paramref name="name"/> (ASCII).</summary>
    public bool IsAttribute(int index, ReadOnlySpan<byte> name) =>
        _buffer.AsSpan(_attributes[index].NameStart, _attributes[index].NameLength).SequenceEqual(name);

    /// <summary>The attribute's value, entities resolved (valid until the next call).</summary>
    public ReadOnlySpan<char> AttributeValue(int index)
    {
        var attribute = _attributes[index];
        var length = Decode(_buffer.AsSpan(attribute.ValueStart, attribute.ValueLength), ref _value, 0, attributeValue: true);
        return _value.AsSpan(0, length);
    }

    /// <summary>Moves to the next start tag, end tag or text; comments and processing instructions are passed over.</summary>
    public XmlToken Read()
    {
        while (true)
        {
            if (_position >= _end && !Fill(_position))
            {
                if (_depth > 0) throw new XmlException($"The XML ends inside <{Encoding.UTF8.GetString(OpenName())}>.");
                return Token = XmlToken.EndOfFile;
            }

            if (_buffer[_position] != (byte)'<')
            {
                ReadText();
                return Token = XmlToken.Text;
            }

            if (!HasBytes(_position, 2)) throw new XmlException("The XML ends inside a tag.");
            var next = _buffer[_position + 1];
            if (next == (byte)'/')
            {
                ReadEndTag();
                return Token = XmlToken.EndElement;
            }

            if (next == (byte)'?')
            {
                _position = FindTerminator(_position + 2, "?>"u8) + 2;
                continue;
            }

            if (next == (byte)'!')
            {
                if (StartsWith(_position, "<!--"u8))
                {
                    _position = FindTerminator(_position + 4, "-->"u8) + 3;
                    continue;
                }

                if (StartsWith(_position, "<![CDATA["u8))
                {
                    ReadCData();
                    return Token = XmlToken.Text;
                }

                throw new XmlException("Document type declarations (DTDs) are not allowed.");
            }

            ReadStartTag();
            return Token = XmlToken.StartElement;
        }
    }

    /// <summary>Passes over the current element and everything in it (nothing to do for an empty one or other tokens).</summary>
    public void Skip()
    {
        if (Token != XmlToken.StartElement || IsEmptyElement) return;
        var depth = Depth;
        while (true)
        {
            var token = Read();
            if (token == XmlToken.EndElement && Depth == depth - 1) return;
            if (token == XmlToken.EndOfFile) throw new XmlException("The XML ends inside an element.");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void ReadStartTag()
    {
        var tagStart = _position;
        var close = FindTagEnd(tagStart + 1, out tagStart);
        var tag = _buffer.AsSpan(tagStart, close - tagStart);
        IsEmptyElement = tag.Length >= 2 && tag[^1] == (byte)'/';
        var contentEnd = tagStart + tag.Length - (IsEmptyElement ? 1 : 0);

        var i = tagStart + 1;
        var nameEnd = i;
        while (nameEnd < contentEnd && !IsSpace(_buffer[nameEnd]) && _buffer[nameEnd] != (byte)'/') nameEnd++;
        if (nameEnd == i) throw new XmlException("A tag has no name.");
        SetName(i, nameEnd - i);

        AttributeCount = 0;
        i = nameEnd;
        while (true)
        {
            while (i < contentEnd && IsSpace(_buffer[i])) i++;
            if (i >= contentEnd) break;
            var attributeName = i;
            while (i < contentEnd && _buffer[i] != (byte)'=' && !IsSpace(_buffer[i])) i++;
            var attributeNameLength = i - attributeName;
            while (i < contentEnd && IsSpace(_buffer[i])) i++;
            if (attributeNameLength == 0 || i >= contentEnd || _buffer[i] != (byte)'=') throw new XmlException("An attribute has no value.");
            i++;
            while (i < contentEnd && IsSpace(_buffer[i])) i++;
            if (i >= contentEnd || (_buffer[i] != (byte)'"' && _buffer[i] != (byte)'\'')) throw new XmlException("An attribute value is not quoted.");
            var quote = _buffer[i];
            var valueStart = i + 1;
            var valueEnd = _buffer.AsSpan(valueStart, contentEnd - valueStart).IndexOf(quote);
            if (valueEnd < 0) throw new XmlException("An attribute value is not closed.");
            valueEnd += valueStart;
            if (_buffer.AsSpan(valueStart, valueEnd - valueStart).Contains((byte)'<')) throw new XmlException("An attribute value contains '<'.");
            if (AttributeCount == MaxAttributes) throw new XmlException($"An element has more than {MaxAttributes} attributes.");
            var name = _buffer.AsSpan(attributeName, attributeNameLength);
            for (var a = 0; a < AttributeCount; a++)
            {
                if (_buffer.AsSpan(_attributes[a].NameStart, _attributes[a].NameLength).SequenceEqual(name))
                    throw new XmlException($"The attribute '{Encoding.UTF8.GetString(name)}' appears twice in one element.");
            }

            _attributes[AttributeCount++] = new AttributeSpan(attributeName, attributeNameLength, valueStart, valueEnd - valueStart);
            i = valueEnd + 1;
            if (i < contentEnd && !IsSpace(_buffer[i])) throw new XmlException("Attributes must be separated by white space.");
        }

        if (!IsEmptyElement) PushName(_buffer.AsSpan(_nameStart, _nameLength));
        _position = close + 1;
    }

    private void ReadEndTag()
    {
        var close = FindTagEnd(_position + 2, out var tagStart);
        var nameStart = tagStart + 2;
        var nameEnd = close;
        while (nameEnd > nameStart && IsSpace(_buffer[nameEnd - 1])) nameEnd--;
        SetName(nameStart, nameEnd - nameStart);
        var name = _buffer.AsSpan(nameStart, nameEnd - nameStart);
        if (_depth == 0 || !OpenName().SequenceEqual(name))
        {
            throw new XmlException(_depth == 0
                ? $"The end tag </{Encoding.UTF8.GetString(name)}> has no start tag."
                : $"The end tag </{Encoding.UTF8.GetString(name)}> does not match <{Encoding.UTF8.GetString(OpenName())}>.");
        }

        _openNamesLength = _openNameStarts[--_depth];
        IsEmptyElement = false;
        AttributeCount = 0;
        _position = close + 1;
    }

    private void ReadText()
    {
        var start = _position;
        int lessThan;
        while (true)
        {
            lessThan = _buffer.AsSpan(start, _end - start).IndexOf((byte)'<');
            if (lessThan >= 0)
            {
                lessThan += start;
                break;
            }

            var offset = start - _position;
            if (!Fill(_position))
            {
                lessThan = _end;
                break;
            }

            start = _position + offset;
        }

        var bytes = _buffer.AsSpan(_position, lessThan - _position);
        IsWhitespace = IsAllSpace(bytes);
        if (_depth == 0 && !IsWhitespace) throw new XmlException("Text outside the root element.");
        TextLength = Decode(bytes, ref _text, 0, attributeValue: false);
        _position = lessThan;
    }

    private void ReadCData()
    {
        var end = FindTerminator(_position + 9, "]]>"u8);
        var content = _buffer.AsSpan(_position + 9, end - _position - 9);
        TextLength = Utf8(content, ref _text, 0);
        TextLength = NormaliseLineEnds(_text.AsSpan(0, TextLength));
        IsWhitespace = false;
        _position = end + 3;
    }

    private ReadOnlySpan<byte> OpenName() => _openNames.AsSpan(_openNameStarts[_depth - 1], _openNamesLength - _openNameStarts[_depth - 1]);

    private void PushName(ReadOnlySpan<byte> name)
    {
        if (_openNamesLength + name.Length > _openNames.Length) Array.Resize(ref _openNames, Math.Max(_openNames.Length * 2, _openNamesLength + name.Length));
        if (_depth == _openNameStarts.Length) Array.Resize(ref _openNameStarts, _depth * 2);
        _openNameStarts[_depth++] = _openNamesLength;
        name.CopyTo(_openNames.AsSpan(_openNamesLength));
        _openNamesLength += name.Length;
    }

    private void SetName(int start, int length)
    {
        if (length == 0) throw new XmlException("A tag has no name.");
        _nameStart = start;
        _nameLength = length;
        var colon = _buffer.AsSpan(start, length).IndexOf((byte)':');
        _localNameStart = colon < 0 ? start : start + colon + 1;
    }

    /// <summary>The index of the '&gt;' that closes the tag at <paramref name="from"/> (quotes respected). Fills the buffer as needed.</summary>
    private int FindTagEnd(int from, out int tagStart)
    {
        var offset = from - _position;
        while (true)
        {
            // A plain loop: tags are a few dozen bytes, too short for vectorised searches to pay off.
            var quote = (byte)0;
            var buffer = _buffer;
            for (var i = _position + offset; i < _end; i++)
            {
                var b = buffer[i];
                if (b > (byte)'>') continue; // letters and most punctuation: nothing to decide
                if (quote != 0)
                {
                    if (b == quote) quote = 0;
                }
                else if (b == (byte)'>')
                {
                    tagStart = _position;
                    return i;
                }
                else if (b is (byte)'"' or (byte)'\'')
                {
                    quote = b;
                }
                else if (b == (byte)'<')
                {
                    throw new XmlException("A tag is not closed before the next one starts.");
                }
            }

            if (!Fill(_position)) throw new XmlException("The XML ends inside a tag.");
        }
    }

    /// <summary>The index where <paramref name="terminator"/> starts, at or after <paramref name="from"/>. Fills the buffer as needed.</summary>
    private int FindTerminator(int from, ReadOnlySpan<byte> terminator)
    {
        var offset = from - _position;
        while (true)
        {
            var found = _buffer.AsSpan(_position + offset, _end - _position - offset).IndexOf(terminator);
            if (found >= 0) return _position + offset + found;
            if (!Fill(_position)) throw new XmlException("The XML ends inside a comment, section or instruction.");
        }
    }

    private bool HasBytes(int from, int count)
    {
        while (_end - from < count)
        {
            var offset = from - _position;
            if (!Fill(_position)) return false;
            from = _position + offset;
        }

        return true;
    }

    private bool StartsWith(int from, ReadOnlySpan<byte> prefix)
    {
        var offset = from - _position;
        return HasBytes(from, prefix.Length) && _buffer.AsSpan(_position + offset, prefix.Length).SequenceEqual(prefix);
    }

    /// <summary>
    /// Reads more of the stream, first moving the unconsumed bytes from <paramref name="keepFrom"/> to the front
    /// (positions shift: callers keep offsets from <see cref="_position"/>). False at the end of the stream.
    /// </summary>
    private bool Fill(int keepFrom)
    {
        if (_streamEnded) return false;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
            _end -= keepFrom;
            _position -= keepFrom;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxTokenBytes) throw new XmlException($"A single tag or text is longer than {MaxTokenBytes / (1024 * 1024)} MiB.");
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _streamEnded = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>Skips a UTF-8 byte order mark; transcodes UTF-16 (by its mark) or a declared non-UTF-8 encoding to UTF-8.</summary>
    private void DetectEncoding()
    {
        HasBytes(0, 4);
        var head = _buffer.AsSpan(0, _end);
        if (head.StartsWith(Utf8Mark))
        {
            _position = 3;
            return;
        }

        if (head.StartsWith(Utf16LittleEndianMark) || head.StartsWith("<\0?\0"u8)) Transcode(Encoding.Unicode);
        else if (head.StartsWith(Utf16BigEndianMark) || head.StartsWith("\0<\0?"u8)) Transcode(Encoding.BigEndianUnicode);
        else if (DeclaredEncoding() is { } declared) Transcode(declared);
    }

    /// <summary>The encoding named by the XML declaration, when it is not UTF-8 (or ASCII, its subset).</summary>
    private Encoding? DeclaredEncoding()
    {
        if (!StartsWith(0, "<?xml"u8)) return null;
        var end = FindTerminator(0, "?>"u8);
        var declaration = Encoding.ASCII.GetString(_buffer, 0, end);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0) return null;
        var quote = declaration.IndexOfAny(['"', '\''], at);
        var close = quote < 0 ? -1 : declaration.IndexOf(declaration[quote], quote + 1);
        if (close < 0) throw new XmlException("The XML declaration's encoding is not quoted.");
        var name = declaration[(quote + 1)..close];
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new XmlException($"The encoding '{name}' is not supported.");
        }
    }

    private void Transcode(Encoding encoding)
    {
        var buffered = new MemoryStream(_buffer.AsSpan(0, _end).ToArray());
        _stream = Encoding.CreateTranscodingStream(new ConcatenatedStream(buffered, _stream), encoding, Encoding.UTF8, leaveOpen: false);
        _position = 0;
        _end = 0;
        _streamEnded = false;
        HasBytes(0, 3);
        if (_buffer.AsSpan(0, _end).StartsWith(Utf8Mark)) _position = 3;
    }

    /// <summary>UTF-8 bytes to characters, resolving entities; attribute values get their white space normalised as XML requires.</summary>
    private static int Decode(ReadOnlySpan<byte> bytes, ref char[] target, int at, bool attributeValue)
    {
        // Most values (numbers, cell references, style indexes) are short printable ASCII: widen them directly.
        if (bytes.Length <= 32 && TryPlainAscii(bytes, ref target, at)) return at + bytes.Length;

        var length = at;
        Span<char> resolved = stackalloc char[2];
        while (true)
        {
            var amp = bytes.IndexOf((byte)'&');
            var plain = amp < 0 ? bytes : bytes[..amp];
            length = Utf8(plain, ref target, length);
            if (amp < 0) break;

            var semicolon = bytes[amp..].IndexOf((byte)';');
            if (semicolon < 0) throw new XmlException("An entity reference is not closed with ';'.");
            var entity = bytes.Slice(amp + 1, semicolon - 1);
            var count = ResolveEntity(entity, resolved);
            EnsureCapacity(ref target, length + count);
            resolved[..count].CopyTo(target.AsSpan(length));
            length += count;
            bytes = bytes[(amp + semicolon + 1)..];
        }

        // Line ends and (in attribute values) tabs and new lines are normalised; character references are not,
        // but they cannot be told apart after decoding, so only raw bytes are normalised when present.
        return at + (attributeValue ? NormaliseAttributeSpaces(target.AsSpan(at, length - at)) : NormaliseLineEnds(target.AsSpan(at, length - at)));
    }

    /// <summary>Copies bytes that are printable ASCII without entities; false (copying nothing usable) otherwise.</summary>
    private static bool TryPlainAscii(ReadOnlySpan<byte> bytes, ref char[] target, int at)
    {
        EnsureCapacity(ref target, at + bytes.Length);
        var output = target.AsSpan(at, bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b is < 0x20 or >= 0x7F or (byte)'&') return false;
            output[i] = (char)b;
        }

        return true;
    }

    private static int Utf8(ReadOnlySpan<byte> bytes, ref char[] target, int at)
    {
        if (bytes.IsEmpty) return at;
        EnsureCapacity(ref target, at + Encoding.UTF8.GetMaxCharCount(bytes.Length));
        return at + Encoding.UTF8.GetChars(bytes, target.AsSpan(at));
    }

    private static int ResolveEntity(ReadOnlySpan<byte> name, Span<char> output)
    {
        var named = name.SequenceEqual("lt"u8) ? '<'
            : name.SequenceEqual("gt"u8) ? '>'
            : name.SequenceEqual("amp"u8) ? '&'
            : name.SequenceEqual("quot"u8) ? '"'
            : name.SequenceEqual("apos"u8) ? '\''
            : '\0';
        if (named != '\0')
        {
            output[0] = named;
            return 1;
        }

        if (name.Length >= 2 && name[0] == (byte)'#')
        {
            var hex = name[1] is (byte)'x';
            var digits = Encoding.ASCII.GetString(name[(hex ? 2 : 1)..]);
            if (int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code) &&
                Rune.IsValid(code) && code > 0)
            {
                return new Rune(code).EncodeToUtf16(output);
            }

            throw new XmlException($"The character reference &{Encoding.ASCII.GetString(name)}; is not valid.");
        }

        throw new XmlException($"The entity &{Encoding.UTF8.GetString(name)}; is not defined.");
    }

    /// <summary>"\r\n" and a lone "\r" become "\n", as an XML parser reports them. Returns the new length.</summary>
    private static int NormaliseLineEnds(Span<char> text)
    {
        if (!text.Contains('\r')) return text.Length;
        var write = 0;
        for (var read = 0; read < text.Length; read++)
        {
            if (text[read] == '\r')
            {
                text[write++] = '\n';
                if (read + 1 < text.Length && text[read + 1] == '\n') read++;
            }
            else
            {
                text[write++] = text[read];
            }
        }

        return write;
    }

    /// <summary>Tabs, new lines and carriage returns in an attribute value become spaces ("\r\n" one space).</summary>
    private static int NormaliseAttributeSpaces(Span<char> text)
    {
        if (text.IndexOfAny('\t', '\n', '\r') < 0) return text.Length;
        var length = NormaliseLineEnds(text);
        for (var i = 0; i < length; i++)
        {
            if (text[i] is '\t' or '\n') text[i] = ' ';
        }

        return length;
    }

    private static void EnsureCapacity(ref char[] target, int needed)
    {
        if (needed > target.Length) Array.Resize(ref target, Math.Max(needed, target.Length * 2));
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static bool IsAllSpace(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\n\r"u8) < 0;

    private readonly record struct AttributeSpan(int NameStart, int NameLength, int ValueStart, int ValueLength);

    /// <summary>The bytes already read, then the rest of the stream: lets the scanner restart in another encoding.</summary>
    private sealed class ConcatenatedStream(Stream first, Stream second) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            var read = first.Read(buffer);
            return read > 0 ? read : second.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
