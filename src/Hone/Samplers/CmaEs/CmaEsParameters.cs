namespace Hone.Samplers.CmaEs;

/// <summary>The strategy constants of CMA-ES for a dimension and a population size.</summary>
/// <remarks>
/// Default values of Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772, 2016), table 1, with
/// negative recombination weights (active CMA) for the full covariance. The separable variant uses positive weights
/// only and learning rates raised by (n + 2) / 3 (Ros and Hansen, PPSN 2008).
/// </remarks>
internal sealed class CmaEsParameters
{
    /// <summary>Computes the constants.</summary>
    public CmaEsParameters(int dimension, int populationSize, bool separable)
    {
        var n = dimension;
        var lambda = populationSize;
        Mu = lambda / 2;
        var raw = new double[lambda];
        for (var i = 0; i < lambda; i++)
        {
            raw[i] = Math.Log((lambda + 1) / 2.0) - Math.Log(i + 1);
        }

        double positive = 0, positiveSquares = 0, negative = 0, negativeSquares = 0;
        for (var i = 0; i < lambda; i++)
        {
            if (i < Mu)
            {
                positive += raw[i];
                positiveSquares += raw[i] * raw[i];
            }
            else
            {
                negative += raw[i];
                negativeSquares += raw[i] * raw[i];
            }
        }

        MuEff = positive * positive / positiveSquares;
        var muEffMinus = negativeSquares > 0 ? negative * negative / negativeSquares : 0;

        CSigma = (MuEff + 2) / (n + MuEff + 5);
        DSigma = 1 + (2 * Math.Max(0, Math.Sqrt((MuEff - 1) / (n + 1)) - 1)) + CSigma;
        Cc = (4 + (MuEff / n)) / (n + 4 + (2 * MuEff / n));
        const double AlphaCov = 2;
        var c1 = AlphaCov / (((n + 1.3) * (n + 1.3)) + MuEff);
        var cmu = Math.Min(1 - c1, AlphaCov * (0.25 + MuEff + (1 / MuEff) - 2) / (((n + 2) * (n + 2)) + (AlphaCov * MuEff / 2)));
        if (separable)
        {
            var boost = (n + 2) / 3.0;
            c1 = Math.Min(1, c1 * boost);
            cmu = Math.Min(1 - c1, cmu * boost);
        }

        C1 = c1;
        Cmu = cmu;
        ChiN = Math.Sqrt(n) * (1 - (1 / (4.0 * n)) + (1 / (21.0 * n * n)));

        Weights = new double[separable ? Mu : lambda];
        var alphaMinus = Math.Min(
            1 + (C1 / Math.Max(Cmu, 1e-300)),
            Math.Min(1 + (2 * muEffMinus / (MuEff + 2)), (1 - C1 - Cmu) / (n * Math.Max(Cmu, 1e-300))));
        for (var i = 0; i < Weights.Length; i++)
        {
            Weights[i] = raw[i] >= 0 ? raw[i] / positive : alphaMinus * raw[i] / -negative;
        }

        WeightSum = 0;
        foreach (var w in Weights)
        {
            WeightSum += w;
        }

        FunctionHistoryLength = 10 + (int)Math.Ceiling(30.0 * n / lambda);
        StagnationWindow = 120 + (int)Math.Ceiling(30.0 * n / lambda);
    }

    /// <summary>The number of parents, ⌊λ/2⌋.</summary>
    public int Mu { get; }

    /// <summary>The variance-effective selection mass of the positive weights.</summary>
    public double MuEff { get; }

    /// <summary>The recombination weights, best first: positive for the μ best, negative (full covariance only) after.</summary>
    public double[] Weights { get; }

    /// <summary>The sum of all weights (1 plus the negative ones).</summary>
    public double WeightSum { get; }

    /// <summary>The learning rate of the step-size path.</summary>
    public double CSigma { get; }

    /// <summary>The step-size damping.</summary>
    public double DSigma { get; }

    /// <summary>The learning rate of the covariance path.</summary>
    public double Cc { get; }

    /// <summary>The rank-one learning rate.</summary>
    public double C1 { get; }

    /// <summary>The rank-μ learning rate.</summary>
    public double Cmu { get; }

    /// <summary>E‖N(0, I)‖.</summary>
    public double ChiN { get; }

    /// <summary>The generations over which the tolfun criterion looks at the best values: 10 + ⌈30n/λ⌉.</summary>
    public int FunctionHistoryLength { get; }

    /// <summary>The shortest history the stagnation criterion compares: 120 + ⌈30n/λ⌉ generations.</summary>
    public int StagnationWindow { get; }
}
