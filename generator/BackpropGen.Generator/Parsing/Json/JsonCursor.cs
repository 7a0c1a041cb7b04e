using System.Threading;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>The text being read, the read position, and throttled cancellation checks.</summary>
internal sealed class JsonCursor
{
    // Checking the token on every char would cost more than the parsing itself.
    private const int CancellationCheckInterval = 4096;

    private readonly CancellationToken cancellationToken;
    private int nextCancellationCheck;

    public JsonCursor(string text, CancellationToken cancellationToken)
    {
        Text = text;
        this.cancellationToken = cancellationToken;
    }

    public string Text { get; }

    public int Position { get; set; }

    public bool AtEnd => Position >= Text.Length;

    /// <summary>The current char; only valid when not <see cref="AtEnd"/>.</summary>
    public char Current => Text[Position];

    public bool IsAt(char c) => Position < Text.Length && Text[Position] == c;

    /// <summary>
    /// Cheap enough to call per char: only consults the token every few thousand chars.
    /// Takes the position so loops can keep theirs in a local.
    /// </summary>
    public void CheckCancellation(int position)
    {
        if (position >= nextCancellationCheck)
        {
            cancellationToken.ThrowIfCancellationRequested();
            nextCancellationCheck = position + CancellationCheckInterval;
        }
    }
}
