using Hone.Trials;

namespace Hone.Samplers.Gp;

/// <summary>
/// The GPs of one trial's proposal: one of the objective and one per constraint, fitted to the training trials and
/// then conditioned on the running trials as fantasies, with the hyperparameters each fit found (the next trial's
/// warm start).
/// </summary>
internal sealed class GpModels
{
    /// <summary>How many of the best trials seed candidates of the acquisition's optimizer.</summary>
    private const int BestCount = 5;

    /// <summary>Below this many training trials, the hyperparameters are fitted at every trial, restarting from the
    /// default point too; above it, only at every <see cref="RestartEvery"/>th trial (with the restart) and kept in
    /// between, the model still conditioned on every trial: with hundreds of trials one more barely moves them, and the
    /// fit is most of a trial's cost.</summary>
    private const int RestartBelow = 100;

    /// <summary>With more training trials, the hyperparameters are fitted every this many trials.</summary>
    private const int RestartEvery = 10;

    private readonly (GaussianProcess Model, double Threshold)[] _constraints;

    private GpModels(
        GaussianProcess objective,
        double[] objectiveTheta,
        (GaussianProcess Model, double Threshold)[] constraints,
        double[][] constraintThetas,
        double? target,
        IReadOnlyList<double[]> bestInputs,
        int generation)
    {
        Generation = generation;
        Objective = objective;
        ObjectiveTheta = objectiveTheta;
        _constraints = constraints;
        ConstraintThetas = constraintThetas;
        Target = target;
        BestInputs = bestInputs;
    }

    /// <summary>How many fits in the same space came before this one.</summary>
    public int Generation { get; }

    /// <summary>The model of the standardized loss.</summary>
    public GaussianProcess Objective { get; }

    /// <summary>The objective model's hyperparameters.</summary>
    public double[] ObjectiveTheta { get; }

    /// <summary>Each constraint model's hyperparameters.</summary>
    public double[][] ConstraintThetas { get; }

    /// <summary>The best standardized loss of a feasible training trial; <see langword="null"/> when none is feasible.</summary>
    public double? Target { get; }

    /// <summary>The inputs of the best few feasible training trials, best first.</summary>
    public IReadOnlyList<double[]> BestInputs { get; }

    /// <summary>Fits the models.</summary>
    /// <param name="space">The encoding of the joint space.</param>
    /// <param name="trials">The training trials (complete, with every joint parameter).</param>
    /// <param name="pending">Running trials with every joint parameter.</param>
    /// <param name="sign">1 to minimize, −1 to maximize.</param>
    /// <param name="deterministic">Whether to hold the noise at its floor.</param>
    /// <param name="previous">The models of the previous proposal in the same space, for warm starts.</param>
    /// <param name="coldIterations">L-BFGS iterations from the default start.</param>
    /// <param name="warmIterations">L-BFGS iterations from the previous fit.</param>
    /// <param name="shared">Outputs already warped and standardized over a larger set of trials, one per training
    /// trial, and that set's target: models of several sub-spaces built on one scale compare their acquisitions.</param>
    public static GpModels Build(
        GpSpace space,
        List<FrozenTrial> trials,
        List<FrozenTrial> pending,
        double sign,
        bool deterministic,
        GpModels? previous,
        int coldIterations,
        int warmIterations,
        SharedOutputs? shared = null)
    {
        var d = space.Dimension;
        var n = trials.Count;
        var total = n + pending.Count;
        var x = new double[total * d];
        for (var t = 0; t < total; t++)
        {
            var values = t < n ? trials[t].InternalParams : pending[t - n].InternalParams;
            for (var i = 0; i < d; i++)
            {
                x[(t * d) + i] = space.Encode(i, values[space.Names[i]]);
            }
        }

        // A fit starts from the previous optimum and from the default point (which guards against a fit stuck in a poor
        // optimum): at every trial while the data are few and cheap to fit, then at every tenth.
        var generation = previous is null ? 0 : previous.Generation + 1;
        var refit = n < RestartBelow || generation % RestartEvery == 0;
        var likelihood = new GpMarginalLikelihood(space.Kinds);
        var y = shared?.Outputs ?? Outputs(trials, sign);
        var objective = new GaussianProcess(space.Kinds);
        var objectiveTheta = Fit(likelihood, objective, x, y, n, total, deterministic, previous?.ObjectiveTheta, refit, coldIterations, warmIterations);

        // Constraints count only when every training trial has the same number of them.
        var constraintCount = trials[0].Constraints?.Count ?? 0;
        foreach (var trial in trials)
        {
            if (trial.Constraints?.Count != constraintCount)
            {
                constraintCount = 0;
                break;
            }
        }

        var constraints = new (GaussianProcess, double)[constraintCount];
        var constraintThetas = new double[constraintCount][];
        for (var j = 0; j < constraintCount; j++)
        {
            var raw = new double[n];
            for (var t = 0; t < n; t++)
            {
                raw[t] = trials[t].Constraints![j];
            }

            var c = Standardize(raw, out var threshold);
            var model = new GaussianProcess(space.Kinds);
            var warm = previous is not null && previous.ConstraintThetas.Length == constraintCount ? previous.ConstraintThetas[j] : null;
            constraintThetas[j] = Fit(likelihood, model, x, c, n, total, deterministic, warm, refit, coldIterations, warmIterations);
            constraints[j] = (model, threshold);
        }

        var feasible = new List<int>(n);
        for (var t = 0; t < n; t++)
        {
            if (constraintCount == 0 || trials[t].IsFeasible)
            {
                feasible.Add(t);
            }
        }

        feasible.Sort((a, b) => y[a] != y[b] ? y[a].CompareTo(y[b]) : a.CompareTo(b));
        var target = shared is not null ? shared.Target : feasible.Count > 0 ? y[feasible[0]] : null;
        var bestInputs = new List<double[]>(BestCount);
        for (var k = 0; k < Math.Min(BestCount, feasible.Count); k++)
        {
            bestInputs.Add(x.AsSpan(feasible[k] * d, d).ToArray());
        }

        return new GpModels(objective, objectiveTheta, constraints, constraintThetas, target, bestInputs, generation);
    }

    /// <summary>Standardized losses on a scale shared by several models: one per training trial, and the best feasible
    /// one of the whole set (<see langword="null"/> when none is feasible).</summary>
    internal sealed record SharedOutputs(double[] Outputs, double? Target);

    /// <summary>The acquisition function over these models.</summary>
    public GpAcquisitionFunction Acquisition(GpAcquisition kind, double beta) =>
        new(Objective, _constraints, kind, beta, Target);

    /// <summary>The trials' losses (values times <paramref name="sign"/>), warped and standardized: the GP's outputs.</summary>
    internal static double[] Outputs(List<FrozenTrial> trials, double sign)
    {
        var losses = new double[trials.Count];
        for (var t = 0; t < losses.Length; t++)
        {
            losses[t] = sign * trials[t].Value;
        }

        return Standardize(Warp(losses), out _);
    }

    /// <summary>Compresses the upper tail of the losses: u = (loss − median)/(robust deviation) is kept below the median
    /// and becomes ln(1 + u) above it. Objectives such as Rosenbrock's span orders of magnitude, and standardized as they
    /// are, the few worst values would squash every good one together; the order of the losses, and so the best one,
    /// is unchanged (output warping in the spirit of HEBO, Cowen-Rivers et al. 2022).</summary>
    internal static double[] Warp(ReadOnlySpan<double> losses)
    {
        var n = losses.Length;
        var largest = 0.0;
        foreach (var v in losses)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        var scale = largest > 0 ? largest : 1;
        var sorted = new double[n];
        for (var t = 0; t < n; t++)
        {
            sorted[t] = losses[t] / scale;
        }

        Array.Sort(sorted);
        var median = Quantile(sorted, 0.5);
        var spread = (Quantile(sorted, 0.75) - Quantile(sorted, 0.25)) / 1.349;
        if (!(spread > 0))
        {
            spread = sorted[^1] - sorted[0];
        }

        var warped = new double[n];
        for (var t = 0; t < n; t++)
        {
            var u = spread > 0 ? ((losses[t] / scale) - median) / spread : 0;
            warped[t] = u <= 0 ? u : Math.Log(1 + u);
        }

        return warped;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>Values scaled to mean 0 and deviation 1 (all 0 when they are equal), without overflow even for values
    /// near the largest double; <paramref name="zero"/> receives where 0 lands on that scale.</summary>
    internal static double[] Standardize(ReadOnlySpan<double> values, out double zero)
    {
        var n = values.Length;
        var largest = 0.0;
        foreach (var v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        var scale = largest > 0 ? largest : 1;
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v / scale / n;
        }

        var variance = 0.0;
        foreach (var v in values)
        {
            var centred = (v / scale) - mean;
            variance += centred * centred / n;
        }

        // Equal values up to rounding: a constant objective, which the GP models as flat.
        var sd = Math.Sqrt(variance);
        var constant = !(sd > 1e-12);
        sd = constant ? 1 : sd;
        var standardized = new double[n];
        for (var t = 0; t < n; t++)
        {
            standardized[t] = constant ? 0 : ((values[t] / scale) - mean) / sd;
        }

        zero = -mean / sd;
        return standardized;
    }

    /// <summary>Fits θ on the first <paramref name="n"/> rows, conditions <paramref name="model"/> on them and on the
    /// fantasies of the other rows (their predicted values); returns θ.</summary>
    private static double[] Fit(
        GpMarginalLikelihood likelihood,
        GaussianProcess model,
        double[] x,
        double[] y,
        int n,
        int total,
        bool deterministic,
        double[]? warm,
        bool refit,
        int coldIterations,
        int warmIterations)
    {
        likelihood.SetData(x, y, n);
        var fallback = warm ?? likelihood.DefaultStart();
        if (deterministic)
        {
            fallback = (double[])fallback.Clone();
            fallback[^1] = Math.Log(GpMarginalLikelihood.MinNoise);
        }

        var theta = warm is not null && !refit
            ? warm
            : (warm is null
                ? likelihood.Fit([likelihood.DefaultStart()], coldIterations, deterministic)
                : likelihood.Fit([warm, likelihood.DefaultStart()], warmIterations, deterministic)) ?? fallback;
        if (!model.Condition(x, y, n, theta))
        {
            // Only a matrix with non-finite entries fails with every jitter: fall back to the default hyperparameters.
            theta = likelihood.DefaultStart();
            model.Condition(x, y, n, theta);
        }

        if (total > n)
        {
            var d = model.Dimension;
            var fantasies = new double[total];
            y.AsSpan(0, n).CopyTo(fantasies);
            for (var t = n; t < total; t++)
            {
                fantasies[t] = model.Predict(x.AsSpan(t * d, d), out _);
            }

            model.Condition(x, fantasies, total, theta);
        }

        return theta;
    }
}
