using System.Text;

namespace BackpropGen.Generator.Common
{
    /// <summary>A small indented text writer; lines end in '\n' on every machine so output is byte-identical.</summary>
    internal sealed class SourceWriter
    {
        private const int IndentSize = 4;
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public void Line(string text)
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * IndentSize);
                _builder.Append(text);
            }

            _builder.Append('\n');
        }

        public void Line() => _builder.Append('\n');

        /// <summary>Writes a statement with a trailing comment; comments start at a common column when the code is short.</summary>
        public void Line(string code, string comment)
        {
            const int CommentColumn = 48;
            int padding = System.Math.Max(2, CommentColumn - (_indent * IndentSize) - code.Length);
            Line(code + new string(' ', padding) + "// " + comment);
        }

        /// <summary>Opens a block that closes when the returned scope is disposed: <c>using (w.Block("..."))</c>.</summary>
        public BlockScope Block(string header)
        {
            OpenBlock(header);
            return new BlockScope(this);
        }

        public void OpenBlock(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        public void CloseBlock(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        public override string ToString() => _builder.ToString();

        /// <summary>Closes its block once.</summary>
        public readonly struct BlockScope : System.IDisposable
        {
            private readonly SourceWriter _writer;

            public BlockScope(SourceWriter writer) => _writer = writer;

            public void Dispose() => _writer.CloseBlock();
        }
    }
}
