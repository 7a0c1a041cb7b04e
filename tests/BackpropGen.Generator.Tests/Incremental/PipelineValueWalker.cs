using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// Walks a value cached by the pipeline (through tuples, records' properties, arrays and EquatableArray) and lists
/// everything that must not be cached: compiler objects that pin a whole compilation generation in the driver's cache
/// (and whose equality is by reference, so they also defeat caching), and containers compared by reference.
/// </summary>
internal sealed class PipelineValueWalker
{
    /// <summary>Objects that keep a compilation (or a syntax tree) alive, or are only meaningful inside one.</summary>
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location),
        typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference), typeof(AttributeData), typeof(TypedConstant),
        typeof(SourceText), typeof(AdditionalText), typeof(Delegate),
    };

    /// <summary>Values compared by their content, or immutable singletons: nothing inside them to check.</summary>
    private static readonly Type[] Leaves =
    {
        typeof(string), typeof(decimal), typeof(TextSpan), typeof(LinePosition), typeof(LinePositionSpan),
        typeof(DiagnosticDescriptor), // static readonly descriptors; DiagnosticDescriptor implements value equality
    };

    private readonly bool _allowAdditionalTexts;
    private readonly List<string> _problems = new();
    private readonly HashSet<object> _visiting = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Type> _seen = new();

    private PipelineValueWalker(bool allowAdditionalTexts) => _allowAdditionalTexts = allowAdditionalTexts;

    /// <summary>The types met on the way (to check the walk really went through the models).</summary>
    public IReadOnlyCollection<Type> SeenTypes => _seen;

    public IReadOnlyList<string> Problems => _problems;

    /// <param name="allowAdditionalTexts">
    /// True only for the AdditionalFiles step: an <c>ImmutableArray&lt;AdditionalText&gt;</c> would be accepted there, and the
    /// texts not walked into (a leftover from when that step collected the raw texts; see <see cref="IncrementalModelTests"/>).
    /// </param>
    public static PipelineValueWalker Walk(object? value, string path, bool allowAdditionalTexts = false)
    {
        var walker = new PipelineValueWalker(allowAdditionalTexts);
        walker.Visit(value, path, depth: 0);
        return walker;
    }

    private void Visit(object? value, string path, int depth)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        _seen.Add(type);
        if (depth > 40)
        {
            _problems.Add($"{path}: nested more than 40 levels deep ({type.Name})");
            return;
        }

        if (_allowAdditionalTexts && value is AdditionalText)
        {
            return;
        }

        if (Forbidden.FirstOrDefault(f => f.IsInstanceOfType(value)) is Type forbidden)
        {
            _problems.Add($"{path}: {forbidden.Name} ({type.FullName})");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || Leaves.Any(l => l.IsInstanceOfType(value)))
        {
            return;
        }

        if (!HasValueEquality(type) && !(_allowAdditionalTexts && type == typeof(ImmutableArray<AdditionalText>)))
        {
            _problems.Add($"{path}: {Name(type)} is compared by reference, so a new instance with equal content is never Cached");
        }

        if (!type.IsValueType && !_visiting.Add(value))
        {
            _problems.Add($"{path}: cycle back to a {Name(type)}");
            return;
        }

        try
        {
            VisitContents(value, type, path, depth);
        }
        finally
        {
            if (!type.IsValueType)
            {
                _visiting.Remove(value);
            }
        }
    }

    private void VisitContents(object value, Type type, string path, int depth)
    {
        if (value is ITuple tuple)
        {
            for (int i = 0; i < tuple.Length; i++)
            {
                Visit(tuple[i], $"{path}.Item{i + 1}", depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
            {
                return;
            }

            int index = 0;
            foreach (object? item in items)
            {
                Visit(item, $"{path}[{index++}]", depth + 1);
            }

            return;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                Visit(property.GetValue(value), $"{path}.{property.Name}", depth + 1);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Visit(field.GetValue(value), $"{path}.{field.Name}", depth + 1);
        }
    }

    /// <summary>
    /// Records, EquatableArray, tuples and DiagnosticDescriptor override Equals; arrays, lists and ImmutableArray
    /// (which compares its underlying array by reference) do not compare their elements.
    /// </summary>
    private static bool HasValueEquality(Type type)
    {
        if (type.IsArray)
        {
            return false;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is Type definition
            && (definition == typeof(ImmutableArray<>) || definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>)))
        {
            return false;
        }

        MethodInfo equals = type.GetMethod(nameof(Equals), BindingFlags.Public | BindingFlags.Instance, new[] { typeof(object) })!;
        return equals.DeclaringType != typeof(object);
    }

    private static string Name(Type type) =>
        type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">" : type.Name;
}
