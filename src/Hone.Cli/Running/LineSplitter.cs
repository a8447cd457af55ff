using System.Text;

namespace Hone.Cli.Running;

/// <summary>Cuts a byte stream into lines in bounded memory: each line is kept up to a maximum length, the rest dropped.</summary>
/// <param name="maxLength">The most bytes kept of one line.</param>
/// <param name="onLine">Called with each line (without its line break) and whether it was cut.</param>
/// <param name="wants">Decides from a line's first bytes whether it is worth decoding at all; <see langword="null"/> for every line.</param>
internal sealed class LineSplitter(int maxLength, Action<string, bool> onLine, Func<ReadOnlySpan<byte>, bool>? wants = null)
{
    private readonly byte[] _line = new byte[maxLength];
    private int _length;
    private bool _cut;

    /// <summary>How many complete lines went by.</summary>
    public long Lines { get; private set; }

    /// <summary>Takes the next bytes of the stream.</summary>
    /// <param name="data">The bytes.</param>
    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            var part = end < 0 ? data : data[..end];
            var room = _line.Length - _length;
            if (part.Length > room)
            {
                _cut = true;
            }

            part[..Math.Min(part.Length, room)].CopyTo(_line.AsSpan(_length));
            _length += Math.Min(part.Length, room);
            if (end < 0)
            {
                return;
            }

            Emit();
            data = data[(end + 1)..];
        }
    }

    /// <summary>Ends the stream: a last line without a line break still counts.</summary>
    public void Finish()
    {
        if (_length > 0 || _cut)
        {
            Emit();
        }
    }

    private void Emit()
    {
        Lines++;
        var line = _line.AsSpan(0, _length);
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (wants is null || wants(line))
        {
            onLine(Encoding.UTF8.GetString(line), _cut);
        }

        _length = 0;
        _cut = false;
    }
}
