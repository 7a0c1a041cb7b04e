namespace BackpropGen.Generator.Common
{
    /// <summary>Text inside XML doc comments.</summary>
    internal static class XmlText
    {
        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
