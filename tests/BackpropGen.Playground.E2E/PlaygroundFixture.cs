using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace BackpropGen.Playground.E2E;

/// <summary>The published app on a local static server, and one headless chromium (the system's, /usr/bin/chromium).</summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    public StaticServer Server { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots and budgets.md go here (PLAYGROUND_E2E_OUTPUT, else TestResults/playground-e2e next to the tests).</summary>
    public string OutputDirectory { get; } = Environment.GetEnvironmentVariable("PLAYGROUND_E2E_OUTPUT")
        ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "playground-e2e");

    public async Task InitializeAsync()
    {
        string? published = Environment.GetEnvironmentVariable("PLAYGROUND_PUBLISH_DIR");
        if (string.IsNullOrEmpty(published) || !File.Exists(Path.Combine(published, "index.html")))
        {
            throw new InvalidOperationException(
                "PLAYGROUND_PUBLISH_DIR must name the published app's wwwroot (with index.html); run build/playground-e2e.sh.");
        }

        Directory.CreateDirectory(OutputDirectory);
        Server = new StaticServer(published);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYGROUND_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-dev-shm-usage" },
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Server.Dispose();
    }
}
