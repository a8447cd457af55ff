namespace Hone.Samplers.CmaEs;

/// <summary>The restart strategies: when a run ends and how the next one starts.</summary>
internal static class CmaEsRestarts
{
    /// <summary>The largest population a restart grows to.</summary>
    public const int MaxPopulationSize = 1 << 20;

    /// <summary>Why the current run should end now, or null to go on.</summary>
    /// <param name="state">The state after its update.</param>
    /// <param name="strategy">The restart strategy.</param>
    /// <param name="stopReason">The termination criterion the update met, if any.</param>
    public static string? ReasonToRestart(CmaEsState state, CmaEsRestartStrategy strategy, string? stopReason)
    {
        if (strategy == CmaEsRestartStrategy.None)
        {
            return null;
        }

        // A small-population run gets at most half the evaluations of the latest large run (Hansen 2009).
        if (stopReason is null && strategy == CmaEsRestartStrategy.Bipop && state.SmallRegime
            && state.RunEvaluations >= state.LastLargeRunEvaluations / 2)
        {
            return "budget";
        }

        return stopReason;
    }

    /// <summary>Starts the next run in place: a uniformly random mean, C = I, and the population and σ of the strategy.</summary>
    /// <param name="state">The state whose run ended.</param>
    /// <param name="strategy">IPOP or BIPOP.</param>
    /// <param name="incPopSize">The factor that grows large populations.</param>
    /// <param name="sigma0">The initial σ of a run.</param>
    /// <param name="reason">Why the run ended.</param>
    public static void Restart(CmaEsState state, CmaEsRestartStrategy strategy, int incPopSize, double sigma0, string reason)
    {
        // Seeded by the saved seed and the generation, so that every worker that computes this restart gets the same one.
        var random = new Random(CmaEsSeeds.Mix(state.Seed, state.Generation));
        var run = state.RunEvaluations;
        int populationSize;
        var sigma = sigma0;
        if (strategy == CmaEsRestartStrategy.Ipop)
        {
            populationSize = Grow(state.PopulationSize, incPopSize, 1);
        }
        else
        {
            // The first run, at the default population, is booked as small-regime budget, so the first restart is a
            // large run with twice the population, as in Hansen's own BIPOP code (pycma's fmin, from his Matlab code).
            if (state.SmallRegime || state.Restarts == 0)
            {
                state.SmallEvaluations += run;
            }
            else
            {
                state.LargeEvaluations += run;
                state.LastLargeRunEvaluations = run;
            }

            if (state.SmallEvaluations < state.LargeEvaluations)
            {
                // λ_s = ⌊λ_default · (λ_large / (2 λ_default))^(U²)⌋ and σ_s = σ0 · 10^(−2U): mostly small, sometimes larger.
                var largest = Grow(state.BasePopulationSize, incPopSize, Math.Max(1, state.LargeRestarts));
                var u = random.NextDouble();
                populationSize = Math.Max(2, (int)Math.Floor(state.BasePopulationSize * Math.Pow(0.5 * largest / state.BasePopulationSize, u * u)));
                sigma = sigma0 * Math.Pow(10, -2 * random.NextDouble());
                state.SmallRegime = true;
            }
            else
            {
                state.LargeRestarts++;
                populationSize = Grow(state.BasePopulationSize, incPopSize, state.LargeRestarts);
                state.SmallRegime = false;
            }
        }

        var mean = new double[state.Dimension];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = random.NextDouble();
        }

        state.Restarts++;
        state.LastStopReason = reason;
        state.Reset(mean, sigma, populationSize);
    }

    private static int Grow(int populationSize, int factor, int times)
    {
        var result = (double)populationSize * Math.Pow(factor, times);
        return (int)Math.Min(result, MaxPopulationSize);
    }
}
