using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace BackpropGen.Playground.Engine;

/// <summary>What a link carries: the preset it started from, the description, and the walk-through's input, target and rate.</summary>
public sealed record ShareState(string Preset, string Description, string Input, string Target, string LearningRate);

/// <summary>
/// The page state in the URL fragment: <c>#p=worked&amp;d=...&amp;in=...&amp;t=...&amp;lr=...</c>, each value deflated and
/// base64url-encoded, so a link reproduces what the visitor sees (nothing is sent to a server: it is the fragment).
/// </summary>
public static class ShareLink
{
    public static string Encode(ShareState state) =>
        "#p=" + Uri.EscapeDataString(state.Preset) + "&d=" + Pack(state.Description) + "&in=" + Pack(state.Input) + "&t=" + Pack(state.Target)
        + "&lr=" + Uri.EscapeDataString(state.LearningRate);

    /// <summary>The state carried by a URL, or null when it carries no description (or a damaged one).</summary>
    public static ShareState? Decode(string url)
    {
        int hash = url.IndexOf('#');
        if (hash < 0)
        {
            return null;
        }

        Dictionary<string, string> parts = url.Substring(hash + 1).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        string? description = parts.TryGetValue("d", out string? d) ? Unpack(d) : null;
        if (description is null)
        {
            return null;
        }

        string preset = parts.TryGetValue("p", out string? p) ? Uri.UnescapeDataString(p) : "";
        return new ShareState(
            preset,
            description,
            parts.TryGetValue("in", out string? i) ? Unpack(i) ?? "" : "",
            parts.TryGetValue("t", out string? t) ? Unpack(t) ?? "" : "",
            parts.TryGetValue("lr", out string? lr) ? Uri.UnescapeDataString(lr) : "");
    }

    private static string Pack(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(utf8, 0, utf8.Length);
        }

        return Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string? Unpack(string payload)
    {
        payload = payload.Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(payload)), CompressionMode.Decompress);
            using var reader = new StreamReader(deflate, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return null;
        }
    }
}
