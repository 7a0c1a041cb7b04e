namespace BackpropGen.Generator.Model
{
    /// <summary>
    /// How a step changes a parameter given its gradient, as C# and as maths, on any expressions for the parameter,
    /// its gradient and the learning rate: the unrolled layout renders it per named parameter, the loops layout over the
    /// parameter array. Optimizers with state add their rules here.
    /// </summary>
    internal sealed class UpdateRule
    {
        /// <summary>Plain gradient descent: p+ = p - eta * dE/dp.</summary>
        public static readonly UpdateRule PlainSgd = new UpdateRule();

        private UpdateRule()
        {
        }

        public string Statement(string parameter, string gradient, string learningRate) => $"{parameter} -= {learningRate} * {gradient};";

        public string Maths(string parameter, string gradient) => $"{parameter}+ = {parameter} - eta * {gradient}";
    }
}
