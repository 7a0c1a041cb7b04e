using System;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>Re-opens the user's namespace, containing types and partial class around generated members (names escaped where C# needs it).</summary>
    internal static class TypeScaffold
    {
        public static void Write(SourceWriter w, TargetClass target, Action writeMembers)
        {
            if (target.Namespace is not null)
            {
                w.OpenBlock("namespace " + Identifiers.EscapeDotted(target.Namespace));
            }

            foreach (ContainingType type in target.ContainingTypes)
            {
                w.OpenBlock($"partial {type.Keyword} {Identifiers.Escape(type.Name)}{type.TypeParameterList}");
            }

            w.OpenBlock($"partial {target.Keyword} {Identifiers.Escape(target.Name)}");
            writeMembers();
            w.CloseBlock();

            foreach (ContainingType _ in target.ContainingTypes)
            {
                w.CloseBlock();
            }

            if (target.Namespace is not null)
            {
                w.CloseBlock();
            }
        }
    }
}
