using Markdig;

namespace BackpropGen.Playground.Engine;

/// <summary>The walk-through's Markdown as HTML (Markdig; raw HTML disabled).</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string ToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline);
}
