using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace BackpropGen.Playground.E2E;

/// <summary>
/// A tiny static file server on 127.0.0.1 for the published app: the right MIME types, the precompressed .br/.gz file when
/// the browser accepts it (so the bytes counted are what a real static host sends), and a count of the bytes sent.
/// </summary>
public sealed class StaticServer : IDisposable
{
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".css"] = "text/css",
        [".json"] = "application/json", [".wasm"] = "application/wasm", [".dll"] = "application/octet-stream",
        [".dat"] = "application/octet-stream", [".pdb"] = "application/octet-stream", [".png"] = "image/png", [".svg"] = "image/svg+xml",
        [".ico"] = "image/x-icon", [".txt"] = "text/plain",
    };

    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private long _bytesSent;

    public StaticServer(string root)
    {
        _root = Path.GetFullPath(root);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>Body bytes sent since the last reset (compressed bytes when a compressed file was sent).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void ResetCount() => Interlocked.Exchange(ref _bytesSent, 0);

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            if (relative.Length == 0)
            {
                relative = "index.html";
            }

            string path = Path.GetFullPath(Path.Combine(_root, relative));
            if (!path.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                return;
            }

            string accept = context.Request.Headers["Accept-Encoding"] ?? "";
            string served = path;
            if (accept.Contains("br", StringComparison.Ordinal) && File.Exists(path + ".br"))
            {
                served = path + ".br";
                response.AddHeader("Content-Encoding", "br");
            }
            else if (accept.Contains("gzip", StringComparison.Ordinal) && File.Exists(path + ".gz"))
            {
                served = path + ".gz";
                response.AddHeader("Content-Encoding", "gzip");
            }

            response.ContentType = MimeTypes.TryGetValue(Path.GetExtension(path), out string? mime) ? mime : "application/octet-stream";
            response.AddHeader("Cache-Control", "no-cache");
            byte[] body = File.ReadAllBytes(served);
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, body.Length);
            Interlocked.Add(ref _bytesSent, body.Length);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
