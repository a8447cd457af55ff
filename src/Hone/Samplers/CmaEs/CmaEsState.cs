using Hone.Numerics;

namespace Hone.Samplers.CmaEs;

/// <summary>
/// The whole state of one CMA-ES optimizer in the unit cube: its search distribution N(m, σ²C), evolution paths,
/// counters, the histories the termination criteria read, the restart bookkeeping, and the eigendecomposition
/// C = B·D²·Bᵀ that samples are drawn with. Everything is saved with the study, so any worker or a resumed study
/// carries on from it and draws exactly the samples an uninterrupted run would: the decomposition starts from the
/// previous one's eigenvectors, so decomposing the same C afresh would differ in its last bits.
/// </summary>
/// <remarks>The update follows Hansen's tutorial (arXiv:1604.00772, 2016), section 4 and appendix A.</remarks>
internal sealed class CmaEsState
{
    private const double TolFun = 1e-12;
    private const double TolXFactor = 1e-12;
    private const double TolXUp = 1e4;
    private const double MaxCondition = 1e14;
    private const int MaxStagnationWindow = 20_000;

    private double[]? _axes;
    private double[]? _scales;
    private double[]? _previousAxes;

    /// <summary>Creates a state at the start of a run.</summary>
    /// <param name="dimension">The number of coordinates, at least 2.</param>
    /// <param name="separable">Whether C is diagonal (sep-CMA-ES).</param>
    /// <param name="populationSize">λ.</param>
    /// <param name="mean">The initial mean.</param>
    /// <param name="sigma">The initial step size.</param>
    /// <param name="covariance">The initial C (n × n row-major, or its diagonal when separable); identity when null.</param>
    public CmaEsState(int dimension, bool separable, int populationSize, double[] mean, double sigma, double[]? covariance)
    {
        Dimension = dimension;
        Separable = separable;
        PopulationSize = populationSize;
        BasePopulationSize = populationSize;
        Mean = new double[dimension];
        PathSigma = new double[dimension];
        PathC = new double[dimension];
        Covariance = new double[separable ? dimension : dimension * dimension];
        Reset(mean, sigma, populationSize, covariance);
    }

    /// <summary>The number of coordinates.</summary>
    public int Dimension { get; }

    /// <summary>Whether the covariance is diagonal.</summary>
    public bool Separable { get; }

    /// <summary>λ of the current run.</summary>
    public int PopulationSize { get; set; }

    /// <summary>λ of the first run, which BIPOP scales from.</summary>
    public int BasePopulationSize { get; set; }

    /// <summary>The generation now being sampled, counted across restarts; it never goes back.</summary>
    public long Generation { get; set; }

    /// <summary>The updates since the current run started.</summary>
    public int RunGeneration { get; set; }

    /// <summary>How many restarts happened.</summary>
    public int Restarts { get; set; }

    /// <summary>σ when the current run started; the scale of the tolx criterion.</summary>
    public double InitialSigma { get; set; }

    /// <summary>The step size σ.</summary>
    public double Sigma { get; set; }

    /// <summary>The mean m.</summary>
    public double[] Mean { get; }

    /// <summary>The conjugate evolution path p_σ.</summary>
    public double[] PathSigma { get; }

    /// <summary>The evolution path p_c.</summary>
    public double[] PathC { get; }

    /// <summary>C, n × n row-major; its diagonal only when <see cref="Separable"/>.</summary>
    public double[] Covariance { get; }

    /// <summary>The margin's per-coordinate scale A (Hamano et al. 2022); null without margin.</summary>
    public double[]? MarginScale { get; set; }

    /// <summary>The learning-rate adaptation (LRA-CMA-ES) of a full-covariance state; null without it.</summary>
    public CmaEsLearningRates? LearningRates { get; set; }

    /// <summary>The best value of each generation of the run (trimmed to what the criteria read).</summary>
    public List<double> BestHistory { get; } = [];

    /// <summary>The median value of each generation of the run (trimmed alike).</summary>
    public List<double> MedianHistory { get; } = [];

    /// <summary>BIPOP: whether the current run is in the small-population regime.</summary>
    public bool SmallRegime { get; set; }

    /// <summary>BIPOP: how many large-population restarts happened.</summary>
    public int LargeRestarts { get; set; }

    /// <summary>BIPOP: evaluations spent in the large regime (the first run included).</summary>
    public long LargeEvaluations { get; set; }

    /// <summary>BIPOP: evaluations spent in the small regime.</summary>
    public long SmallEvaluations { get; set; }

    /// <summary>BIPOP: evaluations of the latest large-regime run; a small run may spend half of it.</summary>
    public long LastLargeRunEvaluations { get; set; }

    /// <summary>Seeds the random draws of restarts, so that every worker restarts alike.</summary>
    public long Seed { get; set; }

    /// <summary>The number of the first trial of the generation now being sampled: trial t is its (t − FirstTrial)-th,
    /// which places it in a mirrored pair and a block of orthogonal directions. −1 when unknown (a state saved by an
    /// earlier version), in which case the generation is sampled independently.</summary>
    public long FirstTrial { get; set; } = -1;

    /// <summary>Why the latest restart happened (tolfun, tolx, ...), or null before any.</summary>
    public string? LastStopReason { get; set; }

    /// <summary>The evaluations the current run has used.</summary>
    public long RunEvaluations => (long)RunGeneration * PopulationSize;

    /// <summary>A deep copy; it shares the decomposition, which is replaced, never changed, when C changes.</summary>
    public CmaEsState Clone()
    {
        var copy = new CmaEsState(Dimension, Separable, PopulationSize, Mean, Sigma, Covariance);
        CopyTo(copy);
        return copy;
    }

    /// <summary>The decomposition C = B·D²·Bᵀ that samples are drawn with, computed now if there is none yet.</summary>
    /// <returns>D, and B (n × n row-major, eigenvectors as columns; empty when separable). Not to be changed.</returns>
    public (double[] Scales, double[] Axes) Decomposition()
    {
        EnsureDecomposed();
        return (_scales!, _axes ?? []);
    }

    /// <summary>Takes the saved decomposition of a full covariance.</summary>
    /// <param name="scales">D.</param>
    /// <param name="axes">B.</param>
    public void RestoreDecomposition(double[] scales, double[] axes)
    {
        _scales = scales;
        _axes = axes;
        _previousAxes = null;
    }

    /// <summary>Starts a new run: mean, σ and λ given, C identity (or given), paths and histories cleared.</summary>
    public void Reset(double[] mean, double sigma, int populationSize, double[]? covariance = null)
    {
        mean.CopyTo(Mean, 0);
        Sigma = sigma;
        InitialSigma = sigma;
        PopulationSize = populationSize;
        RunGeneration = 0;
        Array.Clear(PathSigma);
        Array.Clear(PathC);
        if (covariance is not null)
        {
            covariance.CopyTo(Covariance, 0);
        }
        else
        {
            Array.Clear(Covariance);
            for (var i = 0; i < Dimension; i++)
            {
                Covariance[Separable ? i : (i * Dimension) + i] = 1;
            }
        }

        if (MarginScale is not null)
        {
            Array.Fill(MarginScale, 1.0);
        }

        LearningRates?.Reset();
        BestHistory.Clear();
        MedianHistory.Clear();
        Invalidate();
        _previousAxes = null;
    }

    /// <summary>Forgets the cached decomposition after C was changed from outside.</summary>
    public void Invalidate()
    {
        // C changes little per generation, so its old eigenvectors are a good start for the next decomposition.
        _previousAxes = _axes ?? _previousAxes;
        _axes = null;
        _scales = null;
    }

    /// <summary>Draws x ~ N(m, σ²C).</summary>
    public void Sample(ref SplitMix64 random, Span<double> x)
    {
        var n = Dimension;
        Span<double> z = n <= 256 ? stackalloc double[n] : new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = random.NextGaussian();
        }

        Transform(z, x);
    }

    /// <summary>x = m + σ·B·D·z: the point of N(m, σ²C) that a standard normal vector z stands for.</summary>
    /// <param name="standard">z; overwritten.</param>
    /// <param name="x">Receives the point.</param>
    public void Transform(Span<double> standard, Span<double> x)
    {
        EnsureDecomposed();
        var n = Dimension;
        var z = standard;
        for (var i = 0; i < n; i++)
        {
            z[i] *= _scales![i];
        }

        if (Separable)
        {
            for (var i = 0; i < n; i++)
            {
                x[i] = Mean[i] + (Sigma * z[i]);
            }

            return;
        }

        var b = _axes!;
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            var row = i * n;
            for (var j = 0; j < n; j++)
            {
                sum += b[row + j] * z[j];
            }

            x[i] = Mean[i] + (Sigma * sum);
        }
    }

    /// <summary>Updates the distribution with one generation's evaluated solutions (Hansen 2016, appendix A).</summary>
    /// <param name="solutions">λ solutions and their values, to be minimized.</param>
    /// <param name="p">The strategy constants for this dimension and λ.</param>
    /// <param name="checkTermination">Whether to keep the value histories and evaluate the termination criteria, which
    /// only restarts need.</param>
    /// <param name="demoted">For each solution, whether to rank it after every solution not demoted, whatever its value
    /// (the loser of a mirrored pair, which must not enter the recombination); null when none is.</param>
    /// <returns>The name of the termination criterion met by the new distribution, or null.</returns>
    public string? Tell(IReadOnlyList<(double[] X, double Value)> solutions, CmaEsParameters p, bool checkTermination = true, bool[]? demoted = null)
    {
        var n = Dimension;
        var lambda = solutions.Count;
        EnsureDecomposed();
        var order = new int[lambda];
        var values = new double[lambda];
        for (var k = 0; k < lambda; k++)
        {
            order[k] = k;
            values[k] = solutions[k].Value;
        }

        // Ties keep the order the solutions came in, so that every worker sorts alike.
        Array.Sort(order, (a, b) =>
            demoted is not null && demoted[a] != demoted[b] ? demoted[a].CompareTo(demoted[b])
            : values[a] != values[b] ? values[a].CompareTo(values[b])
            : a.CompareTo(b));

        var y = new double[lambda][];
        for (var k = 0; k < lambda; k++)
        {
            var x = solutions[order[k]].X;
            var yk = y[k] = new double[n];
            for (var i = 0; i < n; i++)
            {
                yk[i] = (x[i] - Mean[i]) / Sigma;
            }
        }

        var yw = new double[n];
        for (var k = 0; k < p.Mu; k++)
        {
            for (var i = 0; i < n; i++)
            {
                yw[i] += p.Weights[k] * y[k][i];
            }
        }

        // What the learning-rate adaptation measures the update against; the old decomposition is replaced, never changed.
        var rates = Separable ? null : LearningRates;
        var oldMean = rates is null ? null : (double[])Mean.Clone();
        var oldCovariance = rates is null ? null : (double[])Covariance.Clone();
        var oldSigma = Sigma;
        var oldAxes = _axes;
        var oldScales = _scales;
        for (var i = 0; i < n; i++)
        {
            Mean[i] += Sigma * yw[i];
        }

        var whitened = new double[n];
        Whiten(yw, whitened);
        var cs = p.CSigma;
        var pathFactor = Math.Sqrt(cs * (2 - cs) * p.MuEff);
        double normPs = 0;
        for (var i = 0; i < n; i++)
        {
            PathSigma[i] = ((1 - cs) * PathSigma[i]) + (pathFactor * whitened[i]);
            normPs += PathSigma[i] * PathSigma[i];
        }

        normPs = Math.Sqrt(normPs);
        Sigma = Math.Min(Sigma * Math.Exp(cs / p.DSigma * ((normPs / p.ChiN) - 1)), 1e32);

        var hSigma = normPs / Math.Sqrt(1 - Math.Pow(1 - cs, 2 * (RunGeneration + 1))) < (1.4 + (2.0 / (n + 1))) * p.ChiN ? 1.0 : 0.0;
        var ccFactor = Math.Sqrt(p.Cc * (2 - p.Cc) * p.MuEff);
        for (var i = 0; i < n; i++)
        {
            PathC[i] = ((1 - p.Cc) * PathC[i]) + (hSigma * ccFactor * yw[i]);
        }

        var delta = (1 - hSigma) * p.Cc * (2 - p.Cc);
        var decay = 1 + (p.C1 * delta) - p.C1 - (p.Cmu * p.WeightSum);
        if (Separable)
        {
            UpdateDiagonal(y, p, decay);
        }
        else
        {
            UpdateFull(y, p, decay, whitened);
        }

        if (rates is not null)
        {
            var sigma = Sigma;
            if (rates.Apply(Mean, ref sigma, Covariance, oldMean!, oldSigma, oldCovariance!, oldAxes!, oldScales!))
            {
                Sigma = sigma;
            }
        }

        RunGeneration++;
        Generation++;
        Invalidate();
        EnsureDecomposed();
        if (!checkTermination)
        {
            return null;
        }

        Array.Sort(values);
        BestHistory.Add(values[0]);
        MedianHistory.Add(lambda % 2 == 1 ? values[lambda / 2] : 0.5 * (values[(lambda / 2) - 1] + values[lambda / 2]));
        var keep = Math.Min(MaxStagnationWindow, Math.Max(p.StagnationWindow, (int)Math.Ceiling(0.2 * RunGeneration)));
        if (BestHistory.Count > keep)
        {
            BestHistory.RemoveRange(0, BestHistory.Count - keep);
            MedianHistory.RemoveRange(0, MedianHistory.Count - keep);
        }

        return StopReason(p, values);
    }

    /// <summary>Copies every field into another state of the same shape; the decomposition's arrays are shared.</summary>
    internal void CopyTo(CmaEsState other)
    {
        Mean.CopyTo(other.Mean, 0);
        PathSigma.CopyTo(other.PathSigma, 0);
        PathC.CopyTo(other.PathC, 0);
        Covariance.CopyTo(other.Covariance, 0);
        other.MarginScale = MarginScale is null ? null : (double[])MarginScale.Clone();
        other.LearningRates = LearningRates?.Clone();
        other.BestHistory.Clear();
        other.BestHistory.AddRange(BestHistory);
        other.MedianHistory.Clear();
        other.MedianHistory.AddRange(MedianHistory);
        other.PopulationSize = PopulationSize;
        other.BasePopulationSize = BasePopulationSize;
        other.Generation = Generation;
        other.RunGeneration = RunGeneration;
        other.Restarts = Restarts;
        other.InitialSigma = InitialSigma;
        other.Sigma = Sigma;
        other.SmallRegime = SmallRegime;
        other.LargeRestarts = LargeRestarts;
        other.LargeEvaluations = LargeEvaluations;
        other.SmallEvaluations = SmallEvaluations;
        other.LastLargeRunEvaluations = LastLargeRunEvaluations;
        other.Seed = Seed;
        other.FirstTrial = FirstTrial;
        other.LastStopReason = LastStopReason;
        other._axes = _axes;
        other._scales = _scales;
        other._previousAxes = _previousAxes;
    }

    /// <summary>The variance of coordinate i under C (without σ²).</summary>
    internal double Variance(int i) => Covariance[Separable ? i : (i * Dimension) + i];

    /// <summary>A standard normal draw (Box–Muller; one of the pair is dropped to keep draws independent of history).</summary>
    private static double Median(List<double> values, int start, int count)
    {
        var slice = values.GetRange(start, count);
        slice.Sort();
        return count % 2 == 1 ? slice[count / 2] : 0.5 * (slice[(count / 2) - 1] + slice[count / 2]);
    }

    /// <summary>C^(−1/2)·v = B·D⁻¹·Bᵀ·v.</summary>
    private void Whiten(double[] v, double[] result)
    {
        var n = Dimension;
        if (Separable)
        {
            for (var i = 0; i < n; i++)
            {
                result[i] = v[i] / _scales![i];
            }

            return;
        }

        var b = _axes!;
        Span<double> t = n <= 256 ? stackalloc double[n] : new double[n];
        for (var j = 0; j < n; j++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += b[(i * n) + j] * v[i];
            }

            t[j] = sum / _scales![j];
        }

        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            var row = i * n;
            for (var j = 0; j < n; j++)
            {
                sum += b[row + j] * t[j];
            }

            result[i] = sum;
        }
    }

    private void UpdateFull(double[][] y, CmaEsParameters p, double decay, double[] whitened)
    {
        var n = Dimension;
        var lambda = y.Length;

        // Negative weights are rescaled by n / ‖C^(−1/2) y‖² so that the active update cannot make C indefinite.
        var weights = new double[lambda];
        for (var k = 0; k < lambda; k++)
        {
            var w = p.Weights[k];
            if (w < 0)
            {
                Whiten(y[k], whitened);
                double norm = 0;
                foreach (var v in whitened)
                {
                    norm += v * v;
                }

                w = norm > 0 ? w * n / norm : 0;
            }

            weights[k] = w * p.Cmu;
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < lambda; k++)
                {
                    sum += weights[k] * y[k][i] * y[k][j];
                }

                var value = (decay * Covariance[(i * n) + j]) + (p.C1 * PathC[i] * PathC[j]) + sum;
                Covariance[(i * n) + j] = value;
                Covariance[(j * n) + i] = value;
            }
        }
    }

    private void UpdateDiagonal(double[][] y, CmaEsParameters p, double decay)
    {
        for (var i = 0; i < Dimension; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < p.Mu; k++)
            {
                sum += p.Weights[k] * y[k][i] * y[k][i];
            }

            Covariance[i] = (decay * Covariance[i]) + (p.C1 * PathC[i] * PathC[i]) + (p.Cmu * sum);
        }
    }

    /// <summary>Computes B and D of C = B·D²·Bᵀ if needed, repairing C when rounding made it lose definiteness.</summary>
    private void EnsureDecomposed()
    {
        if (_scales is not null)
        {
            return;
        }

        var n = Dimension;
        var scales = new double[n];
        if (Separable)
        {
            var top = 0.0;
            foreach (var c in Covariance)
            {
                top = Math.Max(top, c);
            }

            for (var i = 0; i < n; i++)
            {
                if (!(Covariance[i] > 0))
                {
                    Covariance[i] = Math.Max(top * 1e-14, 1e-300);
                }

                scales[i] = Math.Sqrt(Covariance[i]);
            }

            _scales = scales;
            return;
        }

        var axes = new double[n * n];
        SymmetricEigen.Decompose(Covariance, n, scales, axes, _previousAxes);
        var largest = 0.0;
        foreach (var e in scales)
        {
            largest = Math.Max(largest, e);
        }

        var repaired = false;
        for (var i = 0; i < n; i++)
        {
            if (!(scales[i] > 0))
            {
                scales[i] = Math.Max(largest * 1e-14, 1e-300);
                repaired = true;
            }
        }

        if (repaired)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        sum += axes[(i * n) + k] * scales[k] * axes[(j * n) + k];
                    }

                    Covariance[(i * n) + j] = sum;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            scales[i] = Math.Sqrt(scales[i]);
        }

        _axes = axes;
        _scales = scales;
    }

    /// <summary>The standard termination criteria (Hansen 2016, appendix B.3; stagnation from Hansen 2009).</summary>
    private string? StopReason(CmaEsParameters p, double[] sortedValues)
    {
        var n = Dimension;
        var history = p.FunctionHistoryLength;
        if (RunGeneration >= history)
        {
            double low = sortedValues[0], high = sortedValues[^1];
            for (var i = BestHistory.Count - Math.Min(history, BestHistory.Count); i < BestHistory.Count; i++)
            {
                low = Math.Min(low, BestHistory[i]);
                high = Math.Max(high, BestHistory[i]);
            }

            if (high - low < TolFun)
            {
                return "tolfun";
            }
        }

        var tolX = TolXFactor * InitialSigma;
        var allSmall = true;
        for (var i = 0; i < n && allSmall; i++)
        {
            allSmall = Sigma * Math.Sqrt(Variance(i)) < tolX && Sigma * Math.Abs(PathC[i]) < tolX;
        }

        if (allSmall)
        {
            return "tolx";
        }

        double maxScale = 0, minScale = double.MaxValue;
        foreach (var d in _scales!)
        {
            maxScale = Math.Max(maxScale, d);
            minScale = Math.Min(minScale, d);
        }

        if (Sigma * maxScale > TolXUp)
        {
            return "tolxup";
        }

        var axis = RunGeneration % n;
        var noEffect = true;
        for (var i = 0; i < n && noEffect; i++)
        {
            var shift = Separable
                ? (i == axis ? 0.1 * Sigma * _scales[axis] : 0)
                : 0.1 * Sigma * _scales[axis] * _axes![(i * n) + axis];
            noEffect = Mean[i] == Mean[i] + shift;
        }

        if (noEffect)
        {
            return "noeffectaxis";
        }

        for (var i = 0; i < n; i++)
        {
            if (Mean[i] == Mean[i] + (0.2 * Sigma * Math.Sqrt(Variance(i))))
            {
                return "noeffectcoord";
            }
        }

        var ratio = maxScale / minScale;
        if (ratio * ratio > MaxCondition)
        {
            return "conditioncov";
        }

        var window = Math.Max(p.StagnationWindow, (int)Math.Ceiling(0.2 * RunGeneration));
        if (BestHistory.Count >= window)
        {
            var part = (int)Math.Ceiling(0.3 * window);
            var start = BestHistory.Count - window;
            var end = BestHistory.Count - part;
            if (Median(BestHistory, end, part) >= Median(BestHistory, start, part)
                && Median(MedianHistory, end, part) >= Median(MedianHistory, start, part))
            {
                return "stagnation";
            }
        }

        return null;
    }
}
