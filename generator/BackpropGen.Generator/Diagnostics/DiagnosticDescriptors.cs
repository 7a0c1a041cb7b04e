using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Diagnostics
{
    /// <summary>Every diagnostic BackpropGen reports; ids are stable and tracked in AnalyzerReleases.*.md.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "BackpropGen";

        public static readonly DiagnosticDescriptor DescriptionFileNotFound = Error(
            "BPG001",
            "Network description file not found",
            "No AdditionalFiles item matches \"{0}\"; {1}");

        public static readonly DiagnosticDescriptor DescriptionFileAmbiguous = Error(
            "BPG002",
            "Network description path is ambiguous",
            "\"{0}\" matches {1} AdditionalFiles ({2}); give more of the path so that exactly one matches");

        public static readonly DiagnosticDescriptor MalformedJson = Error(
            "BPG003",
            "Malformed JSON",
            "Malformed JSON: {0}");

        public static readonly DiagnosticDescriptor UnknownKey = Error(
            "BPG004",
            "Unknown key",
            "Unknown key {0} in {1}; {2}");

        public static readonly DiagnosticDescriptor UnknownValue = Error(
            "BPG005",
            "Unknown value",
            "Unknown {0} {1}; {2}");

        public static readonly DiagnosticDescriptor WrongType = Error(
            "BPG006",
            "Wrong type",
            "{0} must be {1}, but found {2}");

        public static readonly DiagnosticDescriptor OutOfRange = Error(
            "BPG007",
            "Value out of range",
            "{0} must be {1}, but is {2}");

        public static readonly DiagnosticDescriptor MissingKey = Error(
            "BPG008",
            "Required key missing",
            "The required {0} is missing from {1}; add it, for example {2}");

        public static readonly DiagnosticDescriptor WrongInitialValueCount = Error(
            "BPG009",
            "Wrong number of initial values",
            "The network has {0}, but {1} given; list them in canonical order: {2}");

        public static readonly DiagnosticDescriptor NonFiniteInitialValue = Error(
            "BPG010",
            "Initial value is not finite",
            "Initial {0} {1} is {2}; every initial value must be a finite {3}");

        public static readonly DiagnosticDescriptor ClassNotPartial = Error(
            "BPG012",
            "Network class must be partial",
            "The class '{0}' must be declared 'partial' so that BackpropGen can add the network's members to it");

        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
            "BPG013",
            "Containing type must be partial",
            "The type '{0}' that contains network class '{1}' must be declared 'partial'");

        public static readonly DiagnosticDescriptor GenericClass = Error(
            "BPG014",
            "Network class must not be generic",
            "The network class '{0}' must not be generic; move the network to a non-generic class");

        public static readonly DiagnosticDescriptor JsonAndAttributeLayers = Error(
            "BPG015",
            "Network described twice",
            "The class '{0}' names a JSON description and also has {1}; describe the network one way only: either the JSON file alone, or [Network(Inputs = ...)] with [Layer] attributes");

        public static readonly DiagnosticDescriptor TwoNetworks = Error(
            "BPG016",
            "More than one network on a class",
            "The class '{0}' has {1} [Network] attributes; a class holds exactly one network, so keep one [Network] and remove the others");

        public static readonly DiagnosticDescriptor SoftmaxNotOnOutput = Error(
            "BPG017",
            "Softmax only on the output layer",
            "{0} uses softmax, but softmax is only allowed on the output layer ({1}); give {0} another activation");

        public static readonly DiagnosticDescriptor CrossEntropyActivation = Error(
            "BPG018",
            "cross_entropy needs softmax or logistic outputs",
            "{0} needs an output layer with softmax or logistic activation, but the output layer uses {1}; change the output activation or the loss");

        public static readonly DiagnosticDescriptor NoLayers = Error(
            "BPG019",
            "Network has no layers",
            "{0}");

        public static readonly DiagnosticDescriptor DuplicateAttribute = Error(
            "BPG020",
            "Attribute given more than once",
            "[{0}] appears {1} times on '{2}'; give it once");

        public static readonly DiagnosticDescriptor FrozenNeedsInitialValues = Error(
            "BPG021",
            "A frozen network needs every parameter",
            "A frozen network compiles its parameters to constants, but the {0} missing; give {1} (or export them from the trained network)");

        public static readonly DiagnosticDescriptor DescriptionFileUnreadable = Error(
            "BPG022",
            "Network description file cannot be read",
            "The AdditionalFiles item \"{0}\" matches \"{1}\" but its text cannot be read; check that the file exists and is readable");

        public static readonly DiagnosticDescriptor SharedBiasOnSoftmax = Warning(
            "BPG023",
            "A shared bias on a softmax layer has no effect",
            "The shared bias of {0} adds the same amount to every softmax input, which never changes the output, so its gradient is always 0; use per-neuron biases or none");

        public static readonly DiagnosticDescriptor UnrolledTooLargeToOptimize = Warning(
            "BPG024",
            "Unrolled code too large for the JIT to optimize",
            "The unrolled TrainStep of this network holds {0} named locals; the JIT compiles a method with more than 2,000 locals without optimization (MinOpts) for the life of the process, so Backward and TrainStep would run several times slower. Use {1} (the same lines cut into methods the JIT optimizes) or {2}");

        public static readonly DiagnosticDescriptor MemberClash = Error(
            "BPG025",
            "A member of the class clashes with a generated member",
            "{0} clashes with the {1} that BackpropGen generates into this class; {2}");

        public static readonly DiagnosticDescriptor StaticTrainableNetwork = Error(
            "BPG026",
            "A trainable network cannot be a static class",
            "The class '{0}' is static, but a trainable network has instance members (its parameters, Forward, TrainStep, ...); remove 'static', or make the network frozen ({1}) to get a static Predict");

        public static readonly DiagnosticDescriptor AttributeWithoutNetwork = Warning(
            "BPG027",
            "Network attribute without [Network]",
            "[{0}] on '{1}' has no effect: the class has no [Network] attribute; add [Network(Inputs = ...)] to describe a network, or remove [{0}]");

        public static readonly DiagnosticDescriptor AlphaIgnored = Warning(
            "BPG028",
            "alpha has no effect on this activation",
            "{0} sets alpha, but its activation {1} does not use it (alpha is read by {2} only); remove alpha or change the activation");

        public static readonly DiagnosticDescriptor ReservedNameInScope = Error(
            "BPG029",
            "A name the generated code relies on is taken",
            "{0} is in scope of the network class '{1}', and the generated code {2}, which would then mean it; rename it (or move the network class out of its reach)");

        public static readonly DiagnosticDescriptor NesterovWithoutMomentum = Error(
            "BPG030",
            "Nesterov momentum without momentum",
            "Nesterov momentum needs a momentum above 0: {0}");

        public static readonly DiagnosticDescriptor InternalError = Error(
            "BPG999",
            "BackpropGen internal error",
            "BackpropGen could not generate '{0}': {1}. This is a bug in BackpropGen; please report it with the description that caused it");

        private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                Category,
                severity,
                isEnabledByDefault: true,
                // No help link: the package has no public address yet; the README's "Diagnostics" table explains each id.
                helpLinkUri: null);
    }
}
